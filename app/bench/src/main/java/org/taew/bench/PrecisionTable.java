package org.taew.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.metrics.Significance;

/**
 * {@link PrecisionBenchmark}'s figures: what one mode measured in one precision, the rows of its
 * table and each model's encoding totals, and how they are printed (Markdown tables).
 */
final class PrecisionTable {
    private PrecisionTable() {}

    /**
     * One mode in one precision.
     *
     * @param score mean nDCG@10 or Spearman
     * @param scores per-query values (retrieval), else null
     * @param cosines per-pair cosines (STS), else null
     * @param seconds encoding seconds (the embedding service's reports)
     * @param tokens tokens encoded
     */
    record Measured(
            double score, QueryScores scores, double[] cosines, double seconds, long tokens) {
        Measured faster(Measured other) {
            return other.seconds < seconds
                    ? new Measured(score, scores, cosines, other.seconds, tokens)
                    : this;
        }

        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    /** A row of the table. */
    record Row(
            String model,
            String dataset,
            String measure,
            double fp32,
            double int8,
            double delta,
            String significance,
            Measured fp,
            Measured q) {}

    /** Encoding totals of one model and precision. */
    static final class Totals {
        double seconds;
        long tokens;
        String engine = "";
    }

    static void add(Totals t, Measured m) {
        t.seconds += m.seconds();
        t.tokens += m.tokens();
    }

    static String ciAndP(Significance.Interval ci, double p) {
        return String.format(
                Locale.ROOT, "[%+.4f, %+.4f]; p %s", ci.low(), ci.high(), Significance.format(p));
    }

    static void printTable(List<Row> rows, String draft) {
        System.out.println();
        System.out.println(
                ("| model | dataset | measure | fp32 | int8 | Δ | 95 % CI; p | tokens/s fp32 | tokens/s int8"
                                + " | speed int8/fp32 |")
                        .replace("int8", draft));
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %.4f | %.4f | %+.4f | %s | %,.0f | %,.0f | %.2f× |%n",
                    r.model(),
                    r.dataset(),
                    r.measure(),
                    r.fp32(),
                    r.int8(),
                    Math.abs(r.delta()) < 5e-5 ? 0.0 : r.delta(), // no "-0.0000"
                    r.significance(),
                    r.fp().tokensPerSecond(),
                    r.q().tokensPerSecond(),
                    r.q().tokensPerSecond() / r.fp().tokensPerSecond());
        }
    }

    static void printTotals(Map<String, Totals[]> totals, String draft) {
        System.out.println();
        System.out.println(
                ("| model | tokens encoded (each precision) | fp32 s | int8 s | tokens/s fp32 | tokens/s"
                                + " int8 | speed int8/fp32 |")
                        .replace("int8", draft));
        System.out.println("|---|---|---|---|---|---|---|");
        totals.forEach(
                (model, t) -> {
                    double fp = t[0].tokens / t[0].seconds;
                    double q = t[1].tokens / t[1].seconds;
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %,d | %.1f | %.1f | %,.0f | %,.0f | %.2f× |%n",
                            model,
                            t[0].tokens,
                            t[0].seconds,
                            t[1].seconds,
                            fp,
                            q,
                            q / fp);
                });
        totals.forEach(
                (model, t) ->
                        System.out.printf(
                                Locale.ROOT,
                                "%s engines: fp32 %s; %s %s%n",
                                model,
                                t[0].engine,
                                draft,
                                t[1].engine));
    }
}
