package org.taew.desktop.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.EmbeddingMap;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.SideTemplate;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Side;
import org.taew.desktop.session.SessionState;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.ErrorMessages;

/**
 * Experiment variants as ends of the map's arrows ({@link EmbeddingMap.End#encode}): encoded in the
 * window's line of work (the status bar shows the progress, Cancel stops it) through the open
 * session's embedding service, so that after an experiment they are read from its cache, and ranked
 * with the session's search and the evaluation's settings, as its top 10 is. The last {@value
 * #KEPT} are kept for the open session's dataset, so that an edit redraws without encoding again.
 */
final class VariantEnds {
    static final int KEPT = 2;

    /** What decides a variant end: its name, its templates' vectors, the ranking's settings. */
    private record Key(
            String name,
            SideTemplate query,
            SideTemplate document,
            boolean ignoreIdenticalIds,
            int depth) {
        static Key of(String name, InstructionPair pair, RetrievalEvaluation.Settings s) {
            return new Key(
                    name,
                    SideTemplate.of(Side.QUERY, pair),
                    SideTemplate.of(Side.DOCUMENT, pair),
                    s.ignoreIdenticalIds(),
                    s.depth());
        }
    }

    private final SessionViewModel session;
    private final WorkStatus work;
    private final Map<Key, EmbeddingMap.End> kept =
            new LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, EmbeddingMap.End> eldest) {
                    return size() > KEPT;
                }
            };
    private EmbeddingService keptEmbedder;
    private RetrievalDataset keptDataset;
    private boolean encoding;

    VariantEnds(SessionViewModel session, WorkStatus work) {
        this.session = session;
        this.work = work;
    }

    /** The kept end of a variant for the evaluation {@code s}, or null. */
    @SuppressWarnings("ReferenceEquality") // the very service and split the ends were made with
    EmbeddingMap.End kept(String name, InstructionPair pair, LiveEvaluation.Snapshot s) {
        EvaluationSession serving = serving(s);
        if (serving == null
                || serving.embedder() != keptEmbedder
                || s.result().dataset() != keptDataset) {
            return null;
        }
        return kept.get(Key.of(name, pair, s.result().settings()));
    }

    /** Whether ends are being encoded now. */
    boolean encoding() {
        return encoding;
    }

    /**
     * Why variants cannot be encoded for {@code s} now, a sentence without the stop; null when they
     * can.
     */
    String waitingFor(LiveEvaluation.Snapshot s) {
        if (serving(s) == null) {
            return "the evaluation of the newly opened dataset or model";
        }
        // untracked work (the token preview) is not waited for: the one worker runs this after it
        if (work.busyProperty().get()) {
            return "the running work (" + work.statusProperty().get() + ")";
        }
        return null;
    }

    /**
     * Encodes and ranks {@code variants} (name → templates) on the split of {@code s}, in the
     * background: {@code done} runs on the UI thread once they are kept, {@code failed} with a
     * sentence when they could not be (cancelled, or an error the dialog shows).
     */
    void encode(
            Map<String, InstructionPair> variants,
            LiveEvaluation.Snapshot s,
            Runnable done,
            Consumer<String> failed) {
        EvaluationSession serving = serving(s);
        EmbeddingService embedder = serving.embedder();
        VectorSearch search = serving.search();
        RetrievalDataset ds = s.result().dataset();
        RetrievalEvaluation.Settings settings = s.result().settings();
        String names = String.join(" and ", variants.keySet());
        encoding = true;
        work.begin(SessionState.EVALUATING, "Encoding " + names + " for the map");
        work.run(
                BackgroundTask.of(
                                p -> {
                                    List<EmbeddingMap.End> out = new ArrayList<>();
                                    for (Map.Entry<String, InstructionPair> v :
                                            variants.entrySet()) {
                                        out.add(
                                                EmbeddingMap.End.encode(
                                                        v.getKey(),
                                                        ds,
                                                        v.getValue(),
                                                        embedder,
                                                        search,
                                                        settings,
                                                        p));
                                    }
                                    return out;
                                })
                        .showingProgressIn(work.progress())
                        .onSuccess(
                                ends -> {
                                    encoding = false;
                                    keep(embedder, ds, variants, settings, ends);
                                    work.ready();
                                    done.run();
                                    session.resumeEvaluations();
                                })
                        .onFailure(
                                e -> {
                                    encoding = false;
                                    work.fail("Cannot draw " + names + " on the map", e);
                                    failed.accept(
                                            (ErrorMessages.isCancellation(e)
                                                            ? "Cancelled"
                                                            : ErrorMessages.message(e))
                                                    + ": "
                                                    + names
                                                    + " not drawn");
                                    session.resumeEvaluations();
                                }));
    }

    @SuppressWarnings("ReferenceEquality") // the very service and split the ends were made with
    private void keep(
            EmbeddingService embedder,
            RetrievalDataset ds,
            Map<String, InstructionPair> variants,
            RetrievalEvaluation.Settings settings,
            List<EmbeddingMap.End> ends) {
        if (embedder != keptEmbedder || ds != keptDataset) {
            kept.clear();
            keptEmbedder = embedder;
            keptDataset = ds;
        }
        int i = 0;
        for (Map.Entry<String, InstructionPair> v : variants.entrySet()) {
            kept.put(Key.of(v.getKey(), v.getValue(), settings), ends.get(i++));
        }
    }

    /** The open session that evaluated {@code s}, or null when another one opened since. */
    @SuppressWarnings("ReferenceEquality") // the very split the open session evaluates
    private EvaluationSession serving(LiveEvaluation.Snapshot s) {
        SessionViewModel.Open open = session.openProperty().get();
        if (open == null
                || open.session().live() == null
                || open.session().embedder() == null
                || open.session().live().dataset() != s.result().dataset()) {
            return null;
        }
        return open.session();
    }
}
