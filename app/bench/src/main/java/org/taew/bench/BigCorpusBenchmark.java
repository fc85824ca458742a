package org.taew.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetCheck;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.WorkbenchHome;

/**
 * A 1,000,000-line corpus.jsonl (generated, ~200 bytes of text per line): loading it for evaluation
 * and checking it with {@code datasets check}, each in its own JVM with a fixed heap, reporting
 * time, the heap still in use afterwards (after a full GC) and the peak of the heap pools. Quick
 * mode: {@value #QUICK_DOCUMENTS} documents and {@value #QUICK_QUERIES} queries.
 */
final class BigCorpusBenchmark {
    static final int DOCUMENTS = 1_000_000;
    static final int QUERIES = 1_000;
    static final int QUICK_DOCUMENTS = 1_000;
    static final int QUICK_QUERIES = 10;

    private BigCorpusBenchmark() {}

    static void run(boolean quick) throws Exception {
        int documents = quick ? QUICK_DOCUMENTS : DOCUMENTS;
        Path dir = Files.createTempDirectory("taew-bigcorpus");
        long textBytes = generate(dir, documents, quick ? QUICK_QUERIES : QUERIES);
        long fileBytes = Files.size(dir.resolve("corpus.jsonl"));
        System.out.printf(
                Locale.ROOT,
                "%n== %s corpus: %,d documents, corpus.jsonl %.1f MiB, of which text %.1f MiB ==%n",
                quick ? documents + "-line" : "1M-line",
                documents,
                fileBytes / 1048576.0,
                textBytes / 1048576.0);
        String cp = System.getProperty("java.class.path");
        String[][] runs = {
            {"load (what eval holds: every text)", "load", "2g"},
            {"load", "load", "256m"},
            {"datasets check --no-tokens", "check", "256m"},
            {"datasets check (e5 tokenizer)", "check-tokens", "256m"},
        };
        for (String[] r : runs) {
            ProcessBuilder pb =
                    new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-Xmx" + r[2],
                            "-XX:+UseSerialGC",
                            "-Dai.djl.offline=true",
                            "-Dtaew.home=" + WorkbenchHome.resolve(),
                            "-cp",
                            cp,
                            BigCorpusBenchmark.class.getName(),
                            r[1],
                            dir.toString(),
                            Long.toString(textBytes));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String result =
                    out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
            System.out.printf(
                    Locale.ROOT,
                    "  %-40s -Xmx%-5s %s%n",
                    r[0],
                    r[2],
                    result != null
                            ? result.substring(7)
                            : out.contains("OutOfMemoryError")
                                    ? "fails: OutOfMemoryError"
                                    : "failed: "
                                            + out.strip().lines().reduce((a, b) -> b).orElse(""));
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /**
     * Writes a corpus of {@code documents}, {@code queries} queries and their qrels; returns the
     * bytes of document text.
     */
    static long generate(Path dir, int documents, int queries) throws IOException {
        String[] words =
                ("account access badge calendar claim code document email employee expense floor"
                                + " holiday invoice laptop leave manager meeting network office password"
                                + " phone policy portal printer query refund reset room search server"
                                + " software ticket travel update vpn wifi approve install request renew")
                        .split(" ");
        Random r = new Random(42);
        long textBytes = 0;
        Files.createDirectories(dir.resolve("qrels"));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("corpus.jsonl"))) {
            StringBuilder t = new StringBuilder(256);
            for (int i = 1; i <= documents; i++) {
                t.setLength(0);
                int n = 20 + r.nextInt(20);
                for (int k = 0; k < n; k++) {
                    t.append(k == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
                }
                textBytes += t.length();
                w.write(
                        String.format(
                                Locale.ROOT,
                                "{\"_id\": \"d%07d\", \"title\": \"\", \"text\": \"%s.\"}%n",
                                i,
                                t));
            }
        }
        try (BufferedWriter q = Files.newBufferedWriter(dir.resolve("queries.jsonl"));
                BufferedWriter j = Files.newBufferedWriter(dir.resolve("qrels/test.tsv"))) {
            j.write("query-id\tcorpus-id\tscore\n");
            for (int i = 1; i <= queries; i++) {
                q.write(
                        String.format(
                                Locale.ROOT,
                                "{\"_id\": \"q%04d\", \"text\": \"%s %s\"}%n",
                                i,
                                words[i % words.length],
                                words[(i * 7) % words.length]));
                j.write(
                        String.format(
                                Locale.ROOT, "q%04d\td%07d\t2%n", i, 1 + r.nextInt(documents)));
            }
        }
        return textBytes;
    }

    /** The child: {@code load|check|check-tokens DIR TEXT_BYTES}. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        long textBytes = Long.parseLong(args[2]);
        long t0 = System.nanoTime();
        Object keep;
        switch (args[0]) {
            case "load" -> keep = BeirReader.read(dir, "test");
            case "check" -> keep = DatasetCheck.check(dir, null, 0);
            default -> {
                ModelSpec spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
                try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
                    keep = DatasetCheck.check(dir, e::countTokens, spec.maxLength());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        String what =
                keep instanceof RetrievalDataset ds
                        ? ds.documents().size() + " documents held"
                        : ((DatasetCheck.Report) keep).documents()
                                + " documents checked, "
                                + ((DatasetCheck.Report) keep).errors()
                                + " errors";
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%.1f s", seconds));
        parts.add(
                String.format(
                        Locale.ROOT,
                        "heap in use after: %.0f MiB (%.2f x the text)",
                        retained / 1048576.0,
                        (double) retained / textBytes));
        parts.add(String.format(Locale.ROOT, "peak of heap pools: %.0f MiB", peak / 1048576.0));
        parts.add(what);
        System.out.println("RESULT " + String.join(" · ", parts));
    }
}
