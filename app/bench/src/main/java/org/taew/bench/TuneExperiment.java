package org.taew.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

/**
 * The sweep behind {@link EncoderOptions#DEFAULT}: padded-token budget per batch × (one session
 * with an intra-op thread per core, or one single-threaded worker per core), on the encoding
 * benchmark's passages; on quick mode's texts ({@link BenchTexts#isQuick()}) one budget.
 */
final class TuneExperiment {
    private TuneExperiment() {}

    static void run(BenchTexts source) throws Exception {
        List<PreparedText> prepared = new ArrayList<>();
        for (String p : source.passages(EncodingBenchmark.PASSAGES, EncodingBenchmark.PATTERN, 0)) {
            prepared.add(PreparedText.plain("passage: " + p));
        }
        ModelSpec spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        int cores = Runtime.getRuntime().availableProcessors();
        int[] budgets =
                source.isQuick() ? new int[] {512} : new int[] {128, 256, 512, 1024, 4096, 16384};
        System.out.printf(
                Locale.ROOT,
                "%n== Encoder tuning sweep, e5-small-v2, %d passages ==%n",
                prepared.size());
        System.out.printf(Locale.ROOT, "%-34s %7s %10s%n", "layout", "budget", "tokens/s");
        for (boolean perCoreWorkers : new boolean[] {false, true}) {
            for (int budget : budgets) {
                EncoderOptions o =
                        perCoreWorkers
                                ? new EncoderOptions(budget, 256, 1, cores)
                                : new EncoderOptions(budget, 256, 0, 1);
                try (Encoder e = Engines.openEncoder(spec, o)) {
                    e.encode(
                            prepared.subList(0, Math.min(50, prepared.size())),
                            ProgressListener.NONE);
                    long t = System.nanoTime();
                    long tokens =
                            e.encode(prepared, ProgressListener.NONE).tokens().stream()
                                    .mapToLong(Encoder.TokenCount::tokens)
                                    .sum();
                    double s = (System.nanoTime() - t) / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "%-34s %7d %10.0f%n",
                            perCoreWorkers
                                    ? cores + " workers x 1 thread"
                                    : "1 worker x " + cores + " threads",
                            budget,
                            tokens / s);
                }
            }
        }
    }
}
