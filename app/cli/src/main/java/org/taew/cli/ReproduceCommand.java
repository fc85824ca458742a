package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.evaluation.Reproduction;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Mode;
import org.taew.core.model.StsDataset;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.Workspace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew reproduce}: our scores next to published ones. */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate the models of a reproduction spec (datasets/reproductions/*.yaml) on its data and print our"
                    + " score next to the published one. Exit code 6 when any differs by more than the tolerance.",
        })
final class ReproduceCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SPEC",
            description = "Spec name or file (default: stsbenchmark-test).")
    String specName;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Use this data file instead of the spec's.")
    Path data;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() throws WorkbenchException {
        Workspace ws = common.workspace();
        Path dir = ws.datasets().resolve("reproductions");
        String name = specName == null ? "stsbenchmark-test" : specName;
        Path file =
                Files.isRegularFile(Path.of(name)) ? Path.of(name) : dir.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            List<String> known = new ArrayList<>();
            for (Path p : Reproduction.list(dir)) {
                known.add(p.getFileName().toString().replaceFirst("\\.yaml$", ""));
            }
            throw WorkbenchException.badInput(
                    "No reproduction spec \"" + name + "\"; known: " + known);
        }
        Reproduction r = Reproduction.read(file, ws.root());
        Path dataFile = data != null ? data : r.data();
        if (!Files.isRegularFile(dataFile)) {
            throw WorkbenchException.badInput(
                    dataFile + " (data of " + file + ") does not exist; pass --data FILE");
        }
        if (!r.layout().equals("sts-benchmark")) {
            throw WorkbenchException.badInput(
                    file
                            + ": layout \""
                            + r.layout()
                            + "\" is not supported; expected sts-benchmark");
        }
        StsDataset sts = StsReader.readStsBenchmark(dataFile);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(
                Locale.ROOT,
                "%s: %s, %d pairs, no instruction (general mode)%n",
                r.name(),
                dataFile,
                sts.pairs().size());
        SessionResolver resolver = common.resolver();
        List<Reproduction.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : r.expected().entrySet()) {
            SessionRequest.Builder b =
                    SessionRequest.builder()
                            .optDataset(dataFile.toString())
                            .optModel(e.getKey())
                            .optModes(EnumSet.of(Mode.GENERAL));
            SessionSetup setup = resolver.resolve(compute.apply(b).build());
            try (EvaluationSession session = EvaluationSession.open(setup, false)) {
                StsEvaluation.Result result = session.evaluateSts(common.progress());
                rows.add(
                        new Reproduction.Row(
                                e.getKey(),
                                result.modes().get(Mode.GENERAL).spearman(),
                                e.getValue()));
            }
        }
        w.printf(
                Locale.ROOT,
                "%n%-20s %9s %10s %9s  %s%n",
                "model",
                "ours",
                "published",
                "diff",
                String.format(Locale.ROOT, "within ±%.4f", r.tolerance()));
        boolean all = true;
        for (Reproduction.Row row : rows) {
            boolean ok = r.matches(row);
            all &= ok;
            w.printf(
                    Locale.ROOT,
                    "%-20s %9.5f %10.5f %+9.5f  %s%n",
                    row.model(),
                    row.ours(),
                    row.published(),
                    Math.abs(row.difference()) < 5e-6 ? 0.0 : row.difference(), // no "-0.00000"
                    ok ? "yes" : "NO");
        }
        w.println(
                all
                        ? "All models reproduce the published figures."
                        : "Some models do not reproduce.");
        w.flush();
        return all ? ExitCodes.OK : ExitCodes.MISMATCH;
    }
}
