package org.taew.core.logic.encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;

/**
 * The precision of a model's ONNX weights file, under the names Hugging Face's exporters give them:
 * float32 ({@code model.onnx}), 8-bit quantized weights ({@code onnx/model_quantized.onnx}, {@code
 * model_int8.onnx}, {@code model_qint8_avx2.onnx}, …) or 4-bit weights ({@code onnx/model_q4.onnx},
 * ONNX Runtime's {@code MatMulNBits}). int8 and q4 are draft precisions: faster and smaller on the
 * CPU, their numbers differ a little from float32, so results made with them are marked as drafts
 * to be confirmed in fp32.
 */
public enum Precision {
    FP32("fp32"),
    INT8("int8"),
    Q4("q4");

    /** File names (without {@code .onnx}) of 4-bit weights the CPU runs. */
    private static final List<String> Q4_FILES = List.of("model_q4");

    /**
     * File names (without {@code .onnx}) of 8-bit weights, most generic first: the order in which a
     * folder's files are preferred.
     */
    private static final List<String> INT8_FILES =
            List.of(
                    "model_quantized",
                    "model_int8",
                    "model_qint8_avx2",
                    "model_quint8_avx2",
                    "model_uint8",
                    "model_qint8_avx512_vnni",
                    "model_qint8_avx512",
                    "model_qint8_arm64");

    private final String label;

    Precision(String label) {
        this.label = label;
    }

    /** {@code fp32}, {@code int8} or {@code q4}. */
    public String label() {
        return label;
    }

    /**
     * What an engine's description ({@link Encoder#engine()}) ends with for weights of this
     * precision: empty for fp32, {@code ", int8 weights"} for int8. The run history keeps engine
     * descriptions, so a recorded run says its precision through it.
     */
    public String engineSuffix() {
        return this == FP32 ? "" : ", " + label + " weights";
    }

    /**
     * The precision an engine description names ({@link #engineSuffix}, possibly followed by a
     * Matryoshka cut); fp32 when none.
     */
    public static Precision ofEngine(String engine) {
        for (Precision p : values()) {
            // a Matryoshka cut comes after it: "…, int8 weights, first 256 dimensions"
            if (p != FP32
                    && engine != null
                    && (engine.endsWith(p.engineSuffix())
                            || engine.contains(p.engineSuffix() + ", "))) {
                return p;
            }
        }
        return FP32;
    }

    /** Whether results made in this precision are drafts (to confirm in fp32). */
    public boolean draft() {
        return this != FP32;
    }

    /** The precision named {@code fp32}, {@code int8} or {@code q4} (any case). */
    public static Precision parse(String name) throws WorkbenchException {
        for (Precision p : values()) {
            if (p.label.equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw WorkbenchException.badInput(
                "Unknown precision \"" + name + "\": expected fp32, int8 or q4");
    }

    /**
     * One ONNX weights file of a model folder.
     *
     * @param file the file
     * @param precision its precision as its name says ({@code fp32}, {@code int8}, {@code q4},
     *     {@code fp16}, another 4-bit kind, or {@code fp32, optimised graph})
     * @param offered whether the workbench runs it as {@link #precision} (else {@code note} says
     *     why not)
     * @param note why a file is not offered, or empty
     */
    public record Variant(Path file, String precision, boolean offered, String note) {}

    /**
     * The ONNX weights files of a model folder (its root and {@code onnx/}), in the order they are
     * preferred within a precision.
     */
    public static List<Variant> variants(Path dir) {
        List<Variant> out = new ArrayList<>();
        for (Path folder : List.of(dir, dir.resolve("onnx"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".onnx"))
                        .filter(Files::isRegularFile)
                        .map(Precision::classify)
                        .forEach(out::add);
            } catch (IOException e) {
                // an unreadable folder offers nothing; the model reader names it
            }
        }
        out.sort(Comparator.comparingInt(v -> rank(v.file())));
        return out;
    }

    /**
     * The file names (without {@code .onnx}) of {@code precision}'s weights this machine runs, in
     * the order they are preferred.
     */
    public static List<String> fileStems(Precision precision) {
        if (precision == FP32) {
            return List.of("model");
        }
        if (precision == Q4) {
            return Q4_FILES;
        }
        boolean armHere = System.getProperty("os.arch", "").contains("aarch64");
        return INT8_FILES.stream().filter(f -> armHere || !f.endsWith("arm64")).toList();
    }

    /** The file of the best variant of {@code precision} in {@code dir}, or null when none. */
    public static Path find(Path dir, Precision precision) {
        for (Variant v : variants(dir)) {
            if (v.offered() && v.precision().equals(precision.label)) {
                return v.file();
            }
        }
        return null;
    }

    /** The precision of a model's weights file. */
    public static Precision of(ModelSpec model) {
        return ofWeights(model.weights());
    }

    /**
     * A model's name as reports and views show it: with "(int8 draft)" when its weights are of a
     * draft precision.
     */
    public static String displayName(ModelSpec model) {
        return of(model).displayName(model.name());
    }

    /** A model name as shown for this precision: {@code name (int8 draft)} for a draft. */
    public String displayName(String name) {
        return draft() ? name + " (" + label + " draft)" : name;
    }

    /**
     * The folder name of a model's results: its name, with {@code @int8} or {@code @q4} for
     * quantized weights, so that draft results never overwrite fp32 ones.
     */
    public static String folderName(ModelSpec model) {
        Precision p = of(model);
        return p == FP32 ? model.name() : model.name() + "@" + p.label;
    }

    /**
     * The precision of a weights file, from its name: int8 or q4 for the quantized names, else
     * fp32.
     */
    public static Precision ofWeights(Path weights) {
        String stem = stem(weights);
        return INT8_FILES.contains(stem) ? INT8 : Q4_FILES.contains(stem) ? Q4 : FP32;
    }

    private static Variant classify(Path file) {
        String stem = stem(file);
        if (stem.equals("model")) {
            return new Variant(file, FP32.label, true, "");
        }
        if (INT8_FILES.contains(stem)) {
            boolean arm = stem.endsWith("arm64");
            boolean armHere = System.getProperty("os.arch", "").contains("aarch64");
            return arm && !armHere
                    ? new Variant(file, INT8.label, false, "quantized for ARM64 CPUs")
                    : new Variant(file, INT8.label, true, "");
        }
        if (stem.equals("model_fp16") || stem.equals("model_o4")) {
            return new Variant(
                    file,
                    "fp16",
                    false,
                    "ONNX Runtime's CPU build computes float16 by converting to float32: no gain"
                            + " here");
        }
        if (Q4_FILES.contains(stem)) {
            return new Variant(file, Q4.label, true, "");
        }
        if (stem.equals("model_q4f16")) {
            return new Variant(
                    file,
                    "4-bit, float16 activations",
                    false,
                    "its activations are float16, which ONNX Runtime's CPU build computes by"
                            + " converting to float32; take model_q4.onnx");
        }
        if (stem.equals("model_bnb4")) {
            return new Variant(
                    file,
                    "4-bit (bitsandbytes NF4)",
                    false,
                    "the workbench runs 4-bit weights as MatMulNBits (model_q4.onnx)");
        }
        if (stem.matches("model_o[1-3]")) {
            return new Variant(
                    file,
                    "fp32, optimised graph",
                    false,
                    "the same weights as model.onnx with fused operators; name it with model_file in "
                            + ModelJson.DESCRIPTOR
                            + " to use it");
        }
        return new Variant(file, "unknown", false, "not a file name Hugging Face's exporters use");
    }

    private static int rank(Path file) {
        String stem = stem(file);
        if (stem.equals("model")) {
            return file.getParent().getFileName().toString().equals("onnx") ? 1 : 0;
        }
        int i = INT8_FILES.indexOf(stem);
        if (i >= 0) {
            return 10 + i;
        }
        int q = Q4_FILES.indexOf(stem);
        return q >= 0 ? 50 + q : 100;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }
}
