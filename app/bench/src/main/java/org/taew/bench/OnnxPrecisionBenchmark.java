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
import java.util.stream.Stream;
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

    /**
     * Runs on {@code archs} with the options of {@code args}: {@code --tokens N} per set (default
     * 2,000), {@code --python PATH} (default python3), {@code --only TEXT} (the architectures whose
     * name contains it), {@code --q4-accuracy-level N} (the 4-bit file's MatMulNBits accuracy
     * level: 0, float32, by default; 4, int8). With {@code --folder DIR} it measures that folder
     * instead (its {@code model.safetensors} on the native encoder and every ONNX precision it
     * has), with no export.
     */
    static void run(List<Arch> archs, List<String> args) throws Exception {
        int tokensPerSet = Integer.parseInt(option(args, "--tokens", "2000"));
        System.out.printf(
                Locale.ROOT, "%n== Native fp32 vs ONNX Runtime fp32 / int8 / q4 exports ==%n");
        String folder = option(args, "--folder", null);
        if (folder != null) {
            Path dir = Path.of(folder);
            compare(dir.getFileName().toString(), dir, tokensPerSet);
            return;
        }
        List<String> export = new ArrayList<>(List.of(option(args, "--python", "python3"), SCRIPT));
        String level = option(args, "--q4-accuracy-level", null);
        if (level != null) {
            export.addAll(List.of("--accuracy-level", level));
        }
        String only = option(args, "--only", "");
        Path root = Files.createTempDirectory("taew-onnx-bench");
        try {
            for (Arch a : archs) {
                if (!a.name().contains(only)) {
                    continue;
                }
                Path dir = root.resolve(a.modelType());
                RandomModelFolder.write(a, dir);
                System.out.printf(
                        Locale.ROOT, "%n%s, random weights of the real shape%n", a.describe());
                long t0 = System.nanoTime();
                export(export, dir);
                System.out.printf(
                        Locale.ROOT, "exports written in %.0f s%n", (System.nanoTime() - t0) / 1e9);
                compare(a.name(), dir, tokensPerSet);
                Folders.deleteTree(dir);
            }
        } finally {
            Folders.deleteTree(root);
        }
    }

    private static String option(List<String> args, String name, String otherwise) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : otherwise;
    }

    /**
     * The folder's {@code model.safetensors} on the native encoder, then each ONNX precision it has
     * on ONNX Runtime, on the same queries, passages and long documents.
     */
    private static void compare(String name, Path dir, int tokensPerSet) throws Exception {
        Map<String, List<PreparedText>> sets = new LinkedHashMap<>();
        sets.put("queries", ArchitectureBenchmark.texts(14, tokensPerSet, false));
        sets.put("passages", ArchitectureBenchmark.texts(90, tokensPerSet, false));
        sets.put("long documents", ArchitectureBenchmark.texts(330, tokensPerSet, true));
        List<Row> rows = new ArrayList<>();
        Map<String, Embeddings> reference = new LinkedHashMap<>();
        Path safetensors = withoutOnnx(dir);
        try {
            rows.add(
                    measure(
                            "native fp32",
                            ModelFolderReader.read(safetensors),
                            new ComputeChoice(
                                    ComputeChoice.Device.CPU, ComputeChoice.Engine.NATIVE, false),
                            sets,
                            reference));
        } finally {
            Folders.deleteTree(safetensors);
        }
        for (Precision p : ModelFolderReader.precisions(dir)) {
            ModelSpec spec = ModelFolderReader.read(dir, p);
            rows.add(
                    measure("ONNX Runtime " + p.label(), spec, ComputeChoice.CPU, sets, reference));
        }
        print(name, rows, sets);
    }

    /**
     * A sibling of {@code dir} that links to everything in it but its ONNX files, so that the
     * model-folder reader takes its safetensors (it prefers an ONNX file).
     */
    private static Path withoutOnnx(Path dir) throws IOException {
        Path out = Files.createTempDirectory("taew-native-view");
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path e : entries.toList()) {
                String n = e.getFileName().toString();
                if (!n.equals("onnx") && !n.startsWith("model.onnx")) {
                    Files.createSymbolicLink(out.resolve(n), e.toAbsolutePath());
                }
            }
        }
        return out;
    }

    /** Runs the export script on the folder; its output goes to this process's. */
    private static void export(List<String> command, Path dir)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(Path.of(SCRIPT))) {
            throw new IOException(
                    SCRIPT + " not found: run the benchmark from the repository's root");
        }
        List<String> withDir = new ArrayList<>(command);
        withDir.add(2, dir.toString());
        Process p = new ProcessBuilder(withDir).inheritIO().start();
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

    private static void print(String name, List<Row> rows, Map<String, List<PreparedText>> sets) {
        System.out.printf(Locale.ROOT, "%n%s%n", name);
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
