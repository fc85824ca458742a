package org.taew.bench;

import java.util.List;
import java.util.Locale;
import org.taew.bench.StsAgreement.Agreement;
import org.taew.core.model.Embeddings;

/** What {@link GpuCheck} prints of each configuration: its STS-B line and the closing summary. */
final class GpuCheckReport {
    private GpuCheckReport() {}

    /** Vectors of one configuration on one set of texts, and how long encoding them took. */
    record Run(Embeddings vectors, long tokens, double seconds) {
        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    /** One configuration's figures, for the summary. */
    record Row(
            String config,
            double stsTokensPerSecond,
            double passageTokensPerSecond,
            double minCos,
            double meanCos,
            double spearman) {}

    static void printSts(String label, Run r, Agreement vsCpu, double spearman) {
        System.out.printf(
                Locale.ROOT,
                "%s: STS-B test: %d sentences, %d tokens, %.0f tokens/s; %sSpearman %.4f%n",
                label,
                r.vectors().rows(),
                r.tokens(),
                r.tokensPerSecond(),
                vsCpu == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "cosine vs cpu: min %.6f, mean %.6f; ",
                                vsCpu.min(),
                                vsCpu.mean()),
                spearman);
    }

    static void summary(List<Row> rows) {
        System.out.printf(
                Locale.ROOT,
                "%n%-22s %14s %18s %12s %12s %10s%n",
                "configuration",
                "STS tokens/s",
                "passage tokens/s",
                "min cos",
                "mean cos",
                "Spearman");
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %14.0f %18s %12.6f %12.6f %10.4f%n",
                    r.config(),
                    r.stsTokensPerSecond(),
                    Double.isNaN(r.passageTokensPerSecond())
                            ? "-"
                            : String.format(Locale.ROOT, "%.0f", r.passageTokensPerSecond()),
                    r.minCos(),
                    r.meanCos(),
                    r.spearman());
        }
        System.out.println(
                "(cosines against the cpu fp32 vectors of the same texts: all STS-B sentences and the"
                        + " passages the cpu encoded; Spearman: cosine of each STS-B test pair against its"
                        + " gold score)");
    }
}
