package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.TemplateSource;
import org.taew.core.util.WorkbenchException;

/**
 * What an experiment runs, decided before a model is loaded: a session setup per model and dataset,
 * the dev split to select on, the variants that apply to a model's family (general mode and the
 * card's default always among them, each again at every dimension), and the sentences on what was
 * not run and where the templates came from.
 */
final class ExperimentPlan {
    private ExperimentPlan() {}

    /**
     * Every input read and every model's instructions resolved: per model (the spec's, else every
     * available bundled one), a setup per dataset; STS datasets are refused.
     */
    static List<List<SessionSetup>> setups(
            ExperimentSpec spec, SessionResolver resolver, SessionRequest request)
            throws WorkbenchException {
        List<String> models = new ArrayList<>(spec.models());
        if (models.isEmpty()) {
            resolver.models().bundled().stream()
                    .filter(b -> b.available())
                    .forEach(b -> models.add(b.name()));
        }
        List<List<SessionSetup>> setups = new ArrayList<>();
        for (String model : models) {
            List<SessionSetup> forModel = new ArrayList<>();
            for (String dataset : spec.datasets()) {
                forModel.add(
                        resolver.resolve(
                                request.toBuilder()
                                        .optDataset(dataset)
                                        .optSplit(spec.split())
                                        .optModel(model)
                                        .optTask(spec.task())
                                        .optModes(null)
                                        .optEmptyWhenNoInstructions(true)
                                        .build()));
            }
            setups.add(forModel);
        }
        for (SessionSetup s : setups.get(0)) {
            if (s.isSts()) {
                throw WorkbenchException.badInput(
                        s.dataset().path()
                                + ": experiments take retrieval datasets (BEIR folders)");
            }
        }
        return setups;
    }

    /**
     * A sentence for each variant or grid of the file whose families none of the models run has:
     * nothing of it was run.
     */
    static List<String> unmatched(ExperimentSpec spec, List<List<SessionSetup>> setups) {
        Set<String> families = new TreeSet<>();
        for (List<SessionSetup> forModel : setups) {
            families.add(forModel.get(0).model().family());
        }
        Map<Integer, List<ExperimentSpec.Variant>> byLine = new LinkedHashMap<>();
        for (ExperimentSpec.Variant v : spec.variants()) {
            if (families.stream().noneMatch(v::appliesTo)) {
                byLine.computeIfAbsent(v.line(), l -> new ArrayList<>()).add(v);
            }
        }
        List<String> w = new ArrayList<>();
        for (Map.Entry<Integer, List<ExperimentSpec.Variant>> e : byLine.entrySet()) {
            List<ExperimentSpec.Variant> vs = e.getValue();
            w.add(
                    String.format(
                            Locale.ROOT,
                            "%s: %s for families %s, and the models run are %s: not run",
                            spec.file() == null ? spec.name() : spec.file() + ":" + e.getKey(),
                            vs.size() == 1
                                    ? "variant " + vs.get(0).name() + " is"
                                    : vs.size() + " variants (" + vs.get(0).name() + ", …) are",
                            vs.get(0).families(),
                            families));
        }
        return w;
    }

    /** The dev split's setup when the dataset has one and the experiment selects on it. */
    static SessionSetup devSetup(
            ExperimentSpec spec,
            SessionResolver resolver,
            SessionRequest request,
            SessionSetup test)
            throws WorkbenchException {
        ExperimentSpec.Selection sel = spec.selection();
        String dev = sel.devSplit();
        if (!sel.useDev()
                || dev.equals(test.retrieval().split())
                || !BeirReader.splits(test.dataset().path()).contains(dev)) {
            return null;
        }
        return resolver.resolve(
                request.toBuilder()
                        .optDataset(test.dataset().path().toString())
                        .optSplit(dev)
                        .optModel(test.model().dir().toString())
                        .optTask(test.task())
                        .optEmptyWhenNoInstructions(true)
                        .build());
    }

    /**
     * The report's line on where templates came from: the card's default from the source eval uses,
     * every other variant (but general) from the experiment.
     */
    static String templates(ExperimentSpec spec, SessionSetup setup) {
        return "Task-aware templates: "
                + ExperimentSpec.CARD
                + " — "
                + setup.templateSource().describe()
                + "; the other variants — "
                + TemplateSource.Kind.EXPERIMENT_VARIANT.label()
                + "s of "
                + (spec.file() == null ? "the experiment \"" + spec.name() + "\"" : spec.file());
    }

    /** The variants of a model: general, the card's default, then the file's for its family. */
    static List<ExperimentSpec.Variant> variants(ExperimentSpec spec, SessionSetup setup) {
        List<ExperimentSpec.Variant> v = new ArrayList<>();
        v.add(
                new ExperimentSpec.Variant(
                        ExperimentSpec.GENERAL, InstructionPair.GENERAL, List.of(), 0));
        v.add(
                new ExperimentSpec.Variant(
                        ExperimentSpec.CARD,
                        setup.taskInstructions().instructions(),
                        List.of(),
                        0));
        for (ExperimentSpec.Variant x : spec.variants()) {
            if (x.appliesTo(setup.model().family())) {
                v.add(x);
            }
        }
        // the dimension axis: every variant again at each dimension
        int full = v.size();
        for (int d : spec.dimensions()) {
            for (int i = 0; i < full; i++) {
                v.add(v.get(i).at(d));
            }
        }
        return v;
    }

    /** Refuses a dimension the model's vectors do not have more of. */
    static void checkDimensions(ExperimentSpec spec, SessionSetup setup, int modelDimension)
            throws WorkbenchException {
        for (int d : spec.dimensions()) {
            if (d >= modelDimension) {
                throw WorkbenchException.badInput(
                        (spec.file() == null ? spec.name() : spec.file().toString())
                                + ": dimension "
                                + d
                                + " is not below the "
                                + modelDimension
                                + " dimensions of "
                                + setup.model().name()
                                + "'s vectors"
                                + (setup.model().truncateDim() == modelDimension
                                        ? " (the folder's truncate_dim in"
                                                + " config_sentence_transformers.json cuts them;"
                                                + " --dim with the model's full length reads it"
                                                + " uncut)"
                                        : ""));
            }
        }
    }
}
