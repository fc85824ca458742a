package org.taew.core.logic.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/**
 * An experiment's results as files: the leaderboard as Markdown, CSV and LaTeX (ranx-style: the
 * best in bold, significance against the baseline marked), everything as {@code experiment.json},
 * and MTEB v2's experiments layout ({@code
 * mteb/<model>/<revision>/experiments/<variant>/<task>.json} with {@code model_meta.json}) so
 * MTEB's result tooling can read the variants.
 *
 * <p>The facade over the writers of each format: {@link MarkdownLeaderboard}, {@link
 * ExperimentSentences}, {@link LeaderboardTables}, {@link ExperimentJson} and {@link MtebLayout}.
 */
public final class ExperimentReport {
    /** The version of experiment.json's layout (docs/formats.md); raised on any change. */
    public static final int SCHEMA_VERSION = ExperimentJson.SCHEMA_VERSION;

    /** The search's trace in an experiment's folder (after {@code taew experiment search}). */
    public static final String SEARCH_TRACE = "search-trace.csv";

    private ExperimentReport() {}

    /** Writes every file into {@code dir}; returns them. */
    public static List<Path> write(Path dir, ExperimentResult r) throws WorkbenchException {
        List<Path> files = new ArrayList<>();
        files.add(write(dir.resolve("leaderboard.md"), markdown(r)));
        files.add(write(dir.resolve("leaderboard.csv"), csv(r)));
        files.add(write(dir.resolve("leaderboard.tex"), latex(r)));
        files.add(write(dir.resolve("experiment.json"), ExperimentJson.text(r)));
        files.addAll(MtebLayout.write(dir.resolve("mteb"), r));
        if (r.results().stream().anyMatch(m -> m.search() != null)) {
            files.add(write(dir.resolve(SEARCH_TRACE), SearchTraceCsv.csv(r)));
        }
        return files;
    }

    private static Path write(Path file, String text) throws WorkbenchException {
        AtomicFiles.writeString(file, text);
        return file;
    }

    /** A search's trace in one sentence: what was proposed, the budget and what it spent. */
    public static String search(ExperimentResult.SearchTrace t) {
        return ExperimentSentences.search(t);
    }

    /** One section per dataset and model: the leaderboard, sensitivity and selection. */
    public static String markdown(ExperimentResult r) {
        return MarkdownLeaderboard.markdown(r);
    }

    /**
     * An index of several experiments: per dataset and model the in-sample best, the held-out
     * estimate of choosing, where the card's default and general mode rank, and the spread.
     */
    public static String summary(List<ExperimentResult> results) {
        return MarkdownLeaderboard.summary(results);
    }

    /** The sensitivity to wording in words. */
    public static String sensitivity(ExperimentResult.Sensitivity s) {
        return ExperimentSentences.sensitivity(s);
    }

    /** The selection in words: the held-out estimate beside the optimistic in-sample best. */
    public static String selection(ExperimentResult.Selection s) {
        return ExperimentSentences.selection(s);
    }

    /** Whether to adopt the held-out choice or keep the baseline, in one plain sentence. */
    public static String recommendation(ExperimentResult.Recommendation r) {
        return ExperimentSentences.recommendation(r);
    }

    /**
     * A diagnostic with {@code decimals} decimals, or a dash where the row has none (the cosines of
     * a reference row).
     */
    public static String fixed(double x, int decimals) {
        return ExperimentSentences.fixed(x, decimals);
    }

    /** One row per dataset, model and variant. */
    public static String csv(ExperimentResult r) {
        return LeaderboardTables.csv(r);
    }

    /** A LaTeX tabular per dataset and model, ranx-style: best in bold, † significant (Holm). */
    public static String latex(ExperimentResult r) {
        return LeaderboardTables.latex(r);
    }
}
