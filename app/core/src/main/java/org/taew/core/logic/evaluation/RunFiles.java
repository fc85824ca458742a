package org.taew.core.logic.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.DatasetFingerprint;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.RetrievalEvaluator;
import org.taew.core.model.MetricId;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;
import org.taew.core.util.Hashing;
import org.taew.core.util.Versions;
import org.taew.core.util.WorkbenchException;

/**
 * TREC run files made elsewhere (the Spark search, another toolkit), scored against a dataset's
 * judgments with the workbench's measures, and two of them compared as the two modes are: the same
 * per-query scores, deltas, intervals and paired test.
 */
public final class RunFiles {
    private RunFiles() {}

    /** A run file and the name it is shown under. */
    public record Named(String name, Path file) {}

    /** One run scored: its ranking (as read) and the per-query measures. */
    public record Scored(
            Named source,
            Run run,
            QueryScores scores,
            int unknownQueries,
            int selfMatchesDropped) {}

    /** Runs scored, and the second compared with the first when there are two. */
    public record Result(
            RetrievalDataset dataset,
            List<Scored> runs,
            ModeComparison comparison,
            boolean ignoreIdenticalIds) {}

    /**
     * Records each scored run in the run history, so that {@code taew runs compare} and the
     * desktop's History view set it beside the workbench's own runs. A run file says nothing of the
     * model or templates that made it: the record names the file (its SHA-256 as the identity), and
     * "made elsewhere" as the engine and templates.
     *
     * @return the ids recorded, in the order of the runs
     */
    public static List<Long> record(Result r, Path historyFile, String task, MetricId mainMetric)
            throws WorkbenchException {
        List<Long> ids = new ArrayList<>();
        String fingerprint = DatasetFingerprint.of(r.dataset());
        try (RunHistory h = RunHistory.open(historyFile)) {
            for (Scored s : r.runs()) {
                int depth = 0;
                for (List<ScoredDoc> docs : s.run().rankings().values()) {
                    depth = Math.max(depth, docs.size());
                }
                String unknown = "(made elsewhere)";
                String identity;
                try {
                    identity = Hashing.sha256Hex(s.source().file());
                } catch (IOException e) {
                    throw new WorkbenchException(
                            WorkbenchException.Kind.IO,
                            "Cannot read " + s.source().file() + ": " + e.getMessage(),
                            e);
                }
                RunRecord rec =
                        RunRecord.of(
                                new RunRecord.Origin(
                                        RunRecord.Origin.RUN_FILE, s.source().name(), null),
                                RunRecord.Data.of(r.dataset(), fingerprint, task),
                                new RunRecord.Model(
                                        s.source().file().getFileName().toString(),
                                        identity,
                                        "external run file",
                                        Versions.workbench()),
                                new RunRecord.Templates(unknown, unknown, false),
                                new RunRecord.Settings(
                                        mainMetric.name(), depth, r.ignoreIdenticalIds()),
                                RunRecord.Scores.of(s.scores(), s.run()));
                ids.add(h.record(rec));
            }
        }
        return ids;
    }

    /**
     * Reads a TREC run ({@code qid Q0 docid rank score tag}, whitespace-separated). Like trec_eval,
     * the rank column is not used: each query's documents are ranked by score, ties by document id
     * descending. A malformed line, or a document twice for one query, is refused with its file and
     * line.
     */
    public static Run read(Path file) throws WorkbenchException {
        Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 6) {
                    throw WorkbenchException.badInput(
                            file
                                    + ", line "
                                    + n
                                    + ": expected 6 fields (query Q0 document rank score tag), found "
                                    + f.length);
                }
                float score;
                try {
                    score = Float.parseFloat(f[4]);
                } catch (NumberFormatException e) {
                    throw WorkbenchException.badInput(
                            file + ", line " + n + ": the score \"" + f[4] + "\" is not a number");
                }
                if (!Float.isFinite(score)) {
                    throw WorkbenchException.badInput(
                            file + ", line " + n + ": the score is not finite");
                }
                if (!seen.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[2])) {
                    throw WorkbenchException.badInput(
                            file
                                    + ", line "
                                    + n
                                    + ": document "
                                    + f[2]
                                    + " is ranked twice for query "
                                    + f[0]);
                }
                rankings.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new ScoredDoc(f[2], score));
            }
        } catch (CharacterCodingException e) {
            throw WorkbenchException.badInput(file + " is not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw WorkbenchException.badInput(file + ": no such file");
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rankings.isEmpty()) {
            throw WorkbenchException.badInput(file + " holds no ranked documents");
        }
        rankings.values().forEach(l -> l.sort(ScoredDoc.TREC_ORDER));
        return new Run(rankings);
    }

    /**
     * Scores each run against the dataset's judgments (its queries, in its order; a query the run
     * lacks scores zero, as in the workbench's own evaluation) and compares the second run with the
     * first when there are two. With {@code ignoreIdenticalIds} a document whose id is the query's
     * is dropped first, as the workbench's search drops it.
     */
    public static Result score(
            RetrievalDataset dataset,
            List<Named> files,
            List<MetricId> metrics,
            MetricId mainMetric,
            boolean ignoreIdenticalIds,
            ModeComparison.Settings significance)
            throws WorkbenchException {
        if (files.isEmpty() || files.size() > 2) {
            throw WorkbenchException.badInput("give one run file to score, or two to compare");
        }
        List<String> queryIds = new ArrayList<>();
        for (TextItem q : dataset.queries()) {
            queryIds.add(q.id());
        }
        Set<String> known = new HashSet<>(queryIds);
        List<Scored> scored = new ArrayList<>();
        for (Named f : files) {
            Run run = read(f.file());
            int unknown = 0;
            int self = 0;
            Map<String, List<ScoredDoc>> kept = new LinkedHashMap<>();
            for (Map.Entry<String, List<ScoredDoc>> e : run.rankings().entrySet()) {
                if (!known.contains(e.getKey())) {
                    unknown++;
                    continue;
                }
                List<ScoredDoc> docs = new ArrayList<>(e.getValue());
                if (ignoreIdenticalIds) {
                    int before = docs.size();
                    docs.removeIf(d -> d.docId().equals(e.getKey()));
                    self += before - docs.size();
                }
                kept.put(e.getKey(), docs);
            }
            if (kept.isEmpty()) {
                throw WorkbenchException.badInput(
                        f.file()
                                + " ranks none of the "
                                + queryIds.size()
                                + " queries of "
                                + dataset.name()
                                + " ("
                                + dataset.split()
                                + " split): is it a run of another dataset or split?");
            }
            Run filtered = new Run(kept);
            List<MetricId> all = new ArrayList<>(metrics);
            if (!all.contains(mainMetric)) {
                all.add(mainMetric);
            }
            QueryScores s = RetrievalEvaluator.evaluate(queryIds, filtered, dataset.qrels(), all);
            scored.add(new Scored(f, filtered, s, unknown, self));
        }
        ModeComparison c =
                scored.size() == 2
                        ? ModeComparison.compare(
                                scored.get(0).scores(),
                                scored.get(1).scores(),
                                mainMetric,
                                significance)
                        : null;
        return new Result(dataset, scored, c, ignoreIdenticalIds);
    }
}
