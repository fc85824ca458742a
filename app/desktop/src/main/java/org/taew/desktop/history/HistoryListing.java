package org.taew.desktop.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.util.WorkbenchException;

/**
 * The runs the History tab lists for a dataset and model: the model's own, BM25's and the model's
 * hybrids with BM25 on that dataset (the lexical arms evaluated beside it), and every run file
 * scored on it; last evaluated first.
 *
 * @param records the runs, last evaluated first
 * @param own how many are the model's own
 * @param lexical how many are BM25's or the model's hybrids
 * @param files how many are run files scored on the dataset
 */
record HistoryListing(List<RunRecord> records, int own, int lexical, int files) {
    static HistoryListing read(RunHistory h, String dataset, String model, int limit)
            throws WorkbenchException {
        Map<Long, RunRecord> all = new LinkedHashMap<>();
        int own = add(all, h.list(filter(dataset, model, null, limit)));
        int lexical =
                add(all, h.list(filter(dataset, RunRecord.Model.BM25, null, limit)))
                        + add(
                                all,
                                h.list(
                                        filter(
                                                dataset,
                                                RunRecord.Model.hybrid(model),
                                                null,
                                                limit)));
        int files = add(all, h.list(filter(dataset, null, RunRecord.Origin.RUN_FILE, limit)));
        List<RunRecord> records = new ArrayList<>(all.values());
        // as the history lists them: last evaluated first
        records.sort(
                Comparator.comparing(RunRecord::evaluated)
                        .thenComparingLong(RunRecord::id)
                        .reversed());
        return new HistoryListing(List.copyOf(records), own, lexical, files);
    }

    /** E.g. {@code 3 runs of scifact with e5-small-v2, 2 of BM25 and its hybrids in FILE}. */
    String describe(String dataset, String model, int limit, Path file) {
        return own
                + (own == limit ? "+" : "")
                + " runs of "
                + dataset
                + " with "
                + model
                + (lexical == 0 ? "" : ", " + lexical + " of BM25 and its hybrids")
                + (files == 0
                        ? ""
                        : " and "
                                + files
                                + (files == 1 ? " run file" : " run files")
                                + " scored on it")
                + " in "
                + file;
    }

    private static RunHistory.Filter filter(
            String dataset, String model, String source, int limit) {
        return new RunHistory.Filter(dataset, model, null, null, source, limit);
    }

    /** Adds the runs not listed yet; how many were new. */
    private static int add(Map<Long, RunRecord> all, List<RunRecord> runs) {
        int n = 0;
        for (RunRecord r : runs) {
            if (all.putIfAbsent(r.id(), r) == null) {
                n++;
            }
        }
        return n;
    }
}
