package org.taew.core.logic.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.history.SearchRecord;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.util.Versions;
import org.taew.core.util.WorkbenchException;

/**
 * A session's writer of the run history: every evaluated arm becomes one record. A history that
 * cannot be written is reported once ({@link #problem()}) and not tried again; the evaluation goes
 * on. The caller serialises calls (the session's lock).
 */
final class SessionRecorder {
    /** A dense arm to record: a mode or an experiment's variant. */
    record Dense(
            String label,
            String experiment,
            InstructionPair instructions,
            QueryScores scores,
            Run run) {}

    /** The templates of a BM25 record: it has none. */
    static final RunRecord.Templates LEXICAL =
            new RunRecord.Templates("(none: lexical)", "(none: lexical)", false);

    private final SessionSetup setup;
    private final Function<RetrievalDataset, String> fingerprints;
    private volatile String problem;
    private volatile List<Long> lastRecorded = List.of();

    SessionRecorder(SessionSetup setup, Function<RetrievalDataset, String> fingerprints) {
        this.setup = setup;
        this.fingerprints = fingerprints;
    }

    String problem() {
        return problem;
    }

    List<Long> lastRecorded() {
        return lastRecorded;
    }

    /** Every arm of {@code result}: the dense modes, then BM25 and the hybrid. */
    List<Long> record(RetrievalEvaluation.Result result, Encoder enc) {
        List<Long> ids = new ArrayList<>();
        for (RetrievalEvaluation.ModeResult m : result.modes().values()) {
            add(
                    ids,
                    record(
                            new Dense(
                                    m.mode().label(), null, m.instructions(), m.scores(), m.run()),
                            result.dataset(),
                            result.settings(),
                            0,
                            enc));
        }
        if (result.lexical() != null) {
            for (ArmResult a : result.lexical().arms().values()) {
                add(ids, recordLexical(a, result, enc));
            }
        }
        lastRecorded = List.copyOf(ids);
        return ids;
    }

    private static void add(List<Long> ids, long id) {
        if (id > 0) {
            ids.add(id);
        }
    }

    /** One dense arm, its vectors cut to {@code dimension} (0: as the encoder gave them). */
    long record(
            Dense arm,
            RetrievalDataset data,
            RetrievalEvaluation.Settings settings,
            int dimension,
            Encoder enc) {
        SessionSetup.Recording rec = setup.recording();
        if (rec == null || problem != null || enc == null) {
            return 0;
        }
        return write(
                rec,
                RunRecord.of(
                        new RunRecord.Origin(
                                arm.experiment() == null
                                        ? rec.source()
                                        : RunRecord.Origin.EXPERIMENT,
                                arm.label(),
                                arm.experiment()),
                        RunRecord.Data.of(data, fingerprints.apply(data), setup.task()),
                        new RunRecord.Model(
                                setup.model().name(),
                                setup.model().identity(),
                                Dimensions.engine(enc, dimension),
                                Versions.workbench()),
                        RunRecord.Templates.of(arm.instructions()),
                        settings(settings),
                        RunRecord.Scores.of(arm.scores(), arm.run())));
    }

    /** An instruction search on {@code searched}: its trace, with the data and the model. */
    long recordSearch(RetrievalDataset searched, SearchRecord.Trace trace, Encoder enc) {
        SessionSetup.Recording rec = setup.recording();
        if (rec == null || problem != null || enc == null) {
            return 0;
        }
        SearchRecord s =
                new SearchRecord(
                        0,
                        Instant.now(),
                        RunRecord.Data.of(searched, fingerprints.apply(searched), setup.task()),
                        new RunRecord.Model(
                                setup.model().name(),
                                setup.model().identity(),
                                Dimensions.engine(enc, 0),
                                Versions.workbench()),
                        trace);
        try (RunHistory h = RunHistory.open(rec.file())) {
            return h.recordSearch(s);
        } catch (WorkbenchException e) {
            problem = e.getMessage() + "; this session's runs are not recorded";
            return 0;
        }
    }

    /** An arm of a session's evaluation: BM25 or the hybrid of its dense arm. */
    private long recordLexical(ArmResult a, RetrievalEvaluation.Result result, Encoder enc) {
        LexicalSettings asked = result.lexical().settings();
        HybridSettings h = a.arm() == Arm.BM25 ? null : asked.hybrid();
        return record(
                new LexicalRecord(
                        a.arm().label(),
                        null,
                        a,
                        asked.index(),
                        h,
                        h == null ? null : result.modes().get(h.dense()).instructions()),
                result.dataset(),
                result.settings(),
                0,
                enc);
    }

    /**
     * BM25, recorded as its own "model" (Lucene's BM25 with its settings, no templates), or a
     * hybrid (the session's model fused with BM25: the fusion named in the engine, the dense arm's
     * templates), its dense vectors cut to {@code dimension} (0: as the encoder gave them).
     */
    long record(
            LexicalRecord l,
            RetrievalDataset data,
            RetrievalEvaluation.Settings settings,
            int dimension,
            Encoder enc) {
        SessionSetup.Recording rec = setup.recording();
        if (rec == null || problem != null || enc == null) {
            return 0;
        }
        RunRecord.Model model;
        RunRecord.Templates templates;
        if (l.hybrid() == null) {
            model = bm25Model(l.index());
            templates = LEXICAL;
        } else {
            HybridSettings h = l.hybrid();
            model =
                    new RunRecord.Model(
                            RunRecord.Model.hybrid(setup.model().name()),
                            setup.model().identity() + " | " + l.index().key() + " | " + h.key(),
                            h.key() + "; " + Dimensions.engine(enc, dimension),
                            Versions.workbench());
            templates = RunRecord.Templates.of(l.dense());
        }
        ArmResult a = l.result();
        return write(
                rec,
                RunRecord.of(
                        new RunRecord.Origin(
                                l.experiment() == null ? rec.source() : RunRecord.Origin.EXPERIMENT,
                                l.label(),
                                l.experiment()),
                        RunRecord.Data.of(data, fingerprints.apply(data), setup.task()),
                        model,
                        templates,
                        settings(settings),
                        RunRecord.Scores.of(a.scores(), a.run())));
    }

    /** BM25 as the run history names its "model": Lucene's BM25 with its settings. */
    static RunRecord.Model bm25Model(Bm25Settings s) {
        return new RunRecord.Model(
                RunRecord.Model.BM25,
                s.key(),
                Bm25Settings.engine() + " " + s.key(),
                Versions.workbench());
    }

    /** BM25's record: no model, no templates. */
    static RunRecord bm25Record(
            String source,
            ArmResult a,
            RetrievalEvaluation.Result r,
            String fingerprint,
            String task) {
        return RunRecord.of(
                new RunRecord.Origin(source, a.arm().label(), null),
                RunRecord.Data.of(r.dataset(), fingerprint, task),
                bm25Model(r.lexical().settings().index()),
                LEXICAL,
                settings(r.settings()),
                RunRecord.Scores.of(a.scores(), a.run()));
    }

    static RunRecord.Settings settings(RetrievalEvaluation.Settings s) {
        return new RunRecord.Settings(s.mainMetric().name(), s.depth(), s.ignoreIdenticalIds());
    }

    private long write(SessionSetup.Recording rec, RunRecord r) {
        try (RunHistory h = RunHistory.open(rec.file())) {
            return h.record(r);
        } catch (WorkbenchException e) {
            problem = e.getMessage() + "; this session's runs are not recorded";
            return 0;
        }
    }
}
