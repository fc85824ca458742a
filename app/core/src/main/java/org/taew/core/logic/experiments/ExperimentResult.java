package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;

/**
 * What an experiment found, per dataset and model.
 *
 * @param warnings what the reader of the results must know about the experiment as a whole (a
 *     variant no model ran), each a sentence without the stop
 */
public record ExperimentResult(
        ExperimentSpec spec,
        ModeComparison.Settings significance,
        List<String> warnings,
        List<ModelResult> results) {
    public ExperimentResult {
        warnings = List.copyOf(warnings);
        results = List.copyOf(results);
    }

    /**
     * Whether a variant changes the vectors at all: per side the mean cosine between each text's
     * vector with and without the instruction (1 = the instruction changes nothing), and the mean
     * share of each query's top 10 that general mode's top 10 has too.
     */
    public record Diagnostics(double queryCosine, double documentCosine, double top10Overlap) {}

    /**
     * One variant on the leaderboard.
     *
     * @param mean the main measure's mean over the evaluated queries
     * @param ci its percentile-bootstrap interval
     * @param delta the mean minus the baseline's
     * @param deltaCi the paired bootstrap interval of the delta
     * @param p the paired randomization test against the baseline (NaN for the baseline)
     * @param holm p adjusted by Holm's method across the variants
     * @param perQuery the main measure per evaluated query
     * @param runId its run in the history, 0 when it was not recorded
     * @param arm what ranked it: general or task-aware mode for a variant, BM25 or a hybrid for a
     *     reference row (never chosen as the best variant)
     */
    public record VariantResult(
            String name,
            InstructionPair instructions,
            double mean,
            Significance.Interval ci,
            double delta,
            Significance.Interval deltaCi,
            double p,
            double holm,
            int wins,
            int losses,
            Diagnostics diagnostics,
            double[] perQuery,
            long runId,
            Arm arm) {
        /** Whether the row is a lexical reference (BM25 or a hybrid), not a variant. */
        public boolean reference() {
            return !arm.dense();
        }

        /** Whether the variant has an instruction on either side (general mode has none). */
        public boolean worded() {
            return !instructions.query().isIdentity() || !instructions.document().isIdentity();
        }

        /** Whether the difference from the baseline survives Holm's adjustment at the level. */
        public boolean significant() {
            return Significance.belowAlpha(holm);
        }

        /**
         * The difference to the baseline with its interval, e.g. {@code +0.0123 [-0.004, +0.031]}.
         */
        public String deltaWithCi() {
            return String.format(
                    Locale.ROOT, "%+.4f [%+.3f, %+.3f]", delta, deltaCi.low(), deltaCi.high());
        }
    }

    /**
     * How much the wording matters: the main measure over the worded variants (those with an
     * instruction on either side; NaN when there are none), and where the model card's default and
     * general mode rank among all (1 = best).
     */
    public record Sensitivity(
            int variants,
            double min,
            double median,
            double max,
            double iqr,
            int cardRank,
            int generalRank,
            int ranked) {
        /**
         * Over the variants of the full vectors: the dimension axis's copies ({@code name@d}; a
         * file's names cannot hold {@code @}) measure another thing than wording.
         */
        static Sensitivity of(List<VariantResult> rows) {
            List<VariantResult> full = rows.stream().filter(r -> !r.name().contains("@")).toList();
            return ofFull(full);
        }

        private static Sensitivity ofFull(List<VariantResult> rows) {
            double[] worded =
                    rows.stream()
                            .filter(VariantResult::worded)
                            .mapToDouble(VariantResult::mean)
                            .sorted()
                            .toArray();
            List<VariantResult> ranked = new ArrayList<>(rows);
            ranked.sort(Comparator.comparingDouble(VariantResult::mean).reversed());
            int card = 0;
            int general = 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).name().equals(ExperimentSpec.CARD)) {
                    card = i + 1;
                }
                if (ranked.get(i).name().equals(ExperimentSpec.GENERAL)) {
                    general = i + 1;
                }
            }
            boolean none = worded.length == 0;
            return new Sensitivity(
                    worded.length,
                    none ? Double.NaN : worded[0],
                    none ? Double.NaN : Significance.quantile(worded, 0.5),
                    none ? Double.NaN : worded[worded.length - 1],
                    none
                            ? Double.NaN
                            : Significance.quantile(worded, 0.75)
                                    - Significance.quantile(worded, 0.25),
                    card,
                    general,
                    ranked.size());
        }
    }

    /**
     * The best variant chosen on data it is not scored on, beside the in-sample best (whose score
     * is optimistic: the winner's curse).
     *
     * @param method how it was chosen
     * @param inSampleBest the variant with the best test mean
     * @param inSampleMean its test mean
     * @param chosen the variant chosen on the dev split, or null with cross-validation
     * @param estimate the held-out score of choosing: the dev choice's test mean, or the
     *     cross-validated mean
     * @param chosenCounts how often each variant was chosen (per fold)
     */
    public record Selection(
            String method,
            String inSampleBest,
            double inSampleMean,
            String chosen,
            double estimate,
            Map<String, Integer> chosenCounts) {}

    /**
     * What to do with the experiment's finding, judged only on queries the choice was not made on:
     * adopt the variant chosen on held-out data when it beats the baseline there (its paired
     * interval above zero and its p below the level), else keep the baseline.
     *
     * @param chosen the variant chosen on held-out data (with cross-validation: the one chosen in
     *     most folds)
     * @param folds how many folds chose it, of how many (1 of 1 with a dev split)
     * @param baseline the baseline's name
     * @param delta the held-out mean of choosing minus the baseline's mean on the same queries
     * @param ci the paired bootstrap interval of {@code delta}
     * @param p the paired randomization test of choosing against the baseline
     * @param adopt whether to use {@code chosen} instead of the baseline
     */
    public record Recommendation(
            String chosen,
            int folds,
            int of,
            String baseline,
            double delta,
            Significance.Interval ci,
            double p,
            boolean adopt) {}

    /**
     * What an instruction search ({@code taew experiment search}) tried: the wordings it proposed,
     * and each scoring step of each search (one per outer fold, and the final one on every query).
     *
     * @param method how the wording was chosen and estimated, in words
     * @param proposed how many wordings were proposed (the file's own variants included)
     * @param leftOut document-side wordings left out by the budget of corpus passes
     * @param budget the (wording, query) evaluations each search could spend
     * @param evaluations the evaluations spent, all searches together
     * @param encoded texts the model encoded for the searches (the cache served the rest)
     * @param seconds the searches' wall time
     * @param encodingSeconds the part of it spent in encoding requests
     * @param steps every scoring step, in order
     */
    public record SearchTrace(
            String method,
            int proposed,
            int leftOut,
            int budget,
            int evaluations,
            int encoded,
            double seconds,
            double encodingSeconds,
            List<SearchStep> steps) {
        public SearchTrace {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One scoring step of a search: in {@code round} of the search for {@code fold} (0 for the
     * final search on every query, else the outer fold held out), a wording scored on its first
     * {@code queries} queries.
     *
     * @param origin where the wording came from: the grammar, the dataset's terms, an edit of the
     *     draft, the experiment file
     * @param kept whether it went on to the next round (the winner's last step: true)
     */
    public record SearchStep(
            int fold,
            int round,
            String name,
            String origin,
            InstructionPair instructions,
            int queries,
            double mean,
            boolean kept) {}

    /**
     * One dataset with one model.
     *
     * @param queryIds the evaluated queries, in the order of each variant's per-query values
     * @param warnings what a report must warn about (identical ids, a judged-only corpus), each a
     *     sentence without the stop
     * @param templates where the variants' templates came from: the card's (the instruction file or
     *     model prompts that eval would use) and the experiment's own variants, one line
     * @param references the lexical reference rows: BM25, then each variant's hybrid when asked
     * @param lexical what the reference rows are, one line
     * @param recommendation whether to adopt the held-out choice or keep the baseline
     * @param search what an instruction search tried, or null for an experiment's own variants
     */
    public record ModelResult(
            String dataset,
            String split,
            String task,
            ModelSpec model,
            String engine,
            ExperimentSpec.Baseline baseline,
            List<String> queryIds,
            List<String> warnings,
            String templates,
            List<VariantResult> variants,
            List<VariantResult> references,
            String lexical,
            Sensitivity sensitivity,
            Selection selection,
            Recommendation recommendation,
            SearchTrace search) {
        public ModelResult {
            queryIds = List.copyOf(queryIds);
            warnings = List.copyOf(warnings);
            variants = List.copyOf(variants);
            references = List.copyOf(references);
        }

        /** The variants and the reference rows by mean, best first (ties in that order). */
        public List<VariantResult> leaderboard() {
            List<VariantResult> l = new ArrayList<>(variants);
            l.addAll(references);
            l.sort(Comparator.comparingDouble(VariantResult::mean).reversed());
            return l;
        }

        public String baselineName() {
            return baseline.label();
        }

        /** A variant or reference row by name. */
        public VariantResult variant(String name) {
            return Stream.concat(variants.stream(), references.stream())
                    .filter(v -> v.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no variant " + name));
        }
    }
}
