package org.taew.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.Folders;

/**
 * Instruction-following decoders at their real shapes (random weights, as {@link
 * ArchitectureBenchmark} writes them): the native fp32 encoder against ONNX Runtime on the ONNX
 * exports of the same weights in fp32, int8 and q4, on queries, passages and long documents, with
 * each export's vectors compared with the native fp32 vectors of the same texts (cosine). The
 * exports are made by the reference tools ({@code tools/bench/export_onnx_precisions.py}:
 * transformers' model through {@code torch.onnx.export}, ONNX Runtime's own int8 and 4-bit
 * quantizers), run with the Python given by {@code --python}; every encoder runs with the defaults
 * the desktop and the command line use.
 */
final class OnnxPrecisionBenchmark {
    private OnnxPrecisionBenchmark() {}

    private static final String SCRIPT = "tools/bench/export_onnx_precisions.py";

    /** One encoder's figures: tokens per second per set and the worst cosine to native fp32. */
    private record Row(String what, long bytes, double load, double[] perSecond, double[] cosine) {}

    static void run(List<Arch> archs, int tokensPerSet, String python) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Native fp32 vs ONNX Runtime fp32 / int8 / q4, random weights of the real"
                        + " shapes ==%n");
        Path root = Files.createTempDirectory("taew-onnx-bench");
        try {
            for (Arch a : archs) {
                runOne(a, root.resolve(a.modelType()), tokensPerSet, python);
            }
        } finally {
            Folders.deleteTree(root);
        }
    }

    private static void runOne(Arch a, Path dir, int tokensPerSet, String python) throws Exception {
        RandomModelFolder.write(a, dir);
        System.out.printf(Locale.ROOT, "%n%s%n", a.describe());
        Map<String, List<PreparedText>> sets = new LinkedHashMap<>();
        sets.put("queries", ArchitectureBenchmark.texts(14, tokensPerSet, false));
        sets.put("passages", ArchitectureBenchmark.texts(90, tokensPerSet, false));
        sets.put("long documents", ArchitectureBenchmark.texts(330, tokensPerSet, true));
        List<Row> rows = new ArrayList<>();
        // the native encoder reads model.safetensors: measured before the exports exist, since a
        // folder's ONNX file is preferred to its safetensors
        ModelSpec nativeSpec = ModelFolderReader.read(dir);
        Map<String, Embeddings> reference = new LinkedHashMap<>();
        rows.add(
                measure(
                        "native fp32",
                        nativeSpec,
                        new ComputeChoice(
                                ComputeChoice.Device.CPU, ComputeChoice.Engine.NATIVE, false),
                        sets,
                        reference));
        long t0 = System.nanoTime();
        export(python, dir);
        System.out.printf(
                Locale.ROOT, "exports written in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        for (Precision p : Precision.values()) {
            ModelSpec spec = ModelFolderReader.read(dir, p);
            rows.add(
                    measure("ONNX Runtime " + p.label(), spec, ComputeChoice.CPU, sets, reference));
        }
        print(a, rows, sets);
        Folders.deleteTree(dir);
    }

    /** Runs the export script on the folder; its output goes to this process's. */
    private static void export(String python, Path dir) throws IOException, InterruptedException {
        Path script = Path.of(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IOException(
                    SCRIPT + " not found: run the benchmark from the repository's root");
        }
        Process p =
                new ProcessBuilder(python, script.toString(), dir.toString()).inheritIO().start();
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(
                    SCRIPT
                            + " failed on "
                            + dir
                            + " (it needs torch, transformers, onnx and onnxruntime: give their"
                            + " Python with --python)");
        }
    }

    private static Row measure(
            String what,
            ModelSpec spec,
            ComputeChoice choice,
            Map<String, List<PreparedText>> sets,
            Map<String, Embeddings> reference)
            throws Exception {
        long bytes = Files.size(spec.weights());
        Path data = spec.weights().resolveSibling(spec.weights().getFileName() + "_data");
        if (Files.isRegularFile(data)) {
            bytes += Files.size(data);
        }
        long load = System.nanoTime();
        try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT, choice)) {
            double loaded = (System.nanoTime() - load) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %s, loaded in %.1f s%n", what, e.engine(), loaded);
            double[] perSecond = new double[sets.size()];
            double[] cosine = new double[sets.size()];
            int i = 0;
            for (Map.Entry<String, List<PreparedText>> set : sets.entrySet()) {
                ArchitectureBenchmark.Timed t = ArchitectureBenchmark.timed(e, set.getValue());
                perSecond[i] = t.tokens() / t.seconds();
                Embeddings v = t.vectors();
                Embeddings ref = reference.putIfAbsent(set.getKey(), v);
                cosine[i] = ref == null ? 1 : ref.worstRowCosine(v);
                i++;
            }
            return new Row(what, bytes, loaded, perSecond, cosine);
        }
    }

    private static void print(Arch a, List<Row> rows, Map<String, List<PreparedText>> sets) {
        System.out.printf(Locale.ROOT, "%n%s%n", a.name());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-20s %9s", "", "MB"));
        for (String set : sets.keySet()) {
            head.append(String.format(Locale.ROOT, " %16s", set + " tok/s"));
        }
        head.append(String.format(Locale.ROOT, " %12s %20s", "passages x", "worst cos vs native"));
        System.out.println(head);
        double base = rows.get(0).perSecond()[1];
        for (Row r : rows) {
            StringBuilder line =
                    new StringBuilder(
                            String.format(Locale.ROOT, "%-20s %9.0f", r.what(), r.bytes() / 1e6));
            for (double t : r.perSecond()) {
                line.append(String.format(Locale.ROOT, " %16.1f", t));
            }
            double worst = Math.min(r.cosine()[0], Math.min(r.cosine()[1], r.cosine()[2]));
            line.append(
                    String.format(Locale.ROOT, " %12.2f %20.6f", r.perSecond()[1] / base, worst));
            System.out.println(line);
        }
    }
}
