package org.taew.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.engine.MatMulPeak;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.Folders;
import org.taew.core.util.ProgressListener;

/**
 * The native encoder on models of the real shapes of INSTRUCTOR-base (T5 encoder),
 * EmbeddingGemma-300M (Gemma 3) and Qwen3-Embedding-0.6B, with random weights (none of the real
 * ones can be downloaded here; speed does not depend on the values): tokens per second on queries,
 * passages and long documents, and the rate of the linear layers as a fraction of PyTorch's fp32
 * matrix-multiply rate on the same shapes, measured in the same run. Each model folder is written
 * in the Hugging Face layout (bfloat16 safetensors, as the published checkpoints) and read through
 * the normal model-folder path; the vocabulary is cut to 32,000 tokens (only the embedding lookup
 * depends on it).
 */
final class ArchitectureBenchmark {
    private static final int VOCAB = 32_000;

    private ArchitectureBenchmark() {}

    /** A real model's shapes. */
    record Arch(
            String name,
            String modelType,
            int hidden,
            int layers,
            int heads,
            int kvHeads,
            int headDim,
            int intermediate) {
        /** Weights of the linear layers per token (multiply-adds), from the shapes. */
        long linearMacs() {
            long q = (long) heads * headDim;
            long kv = (long) kvHeads * headDim;
            long attention = hidden * (q + 2 * kv) + q * hidden;
            long mlp = 3L * hidden * intermediate; // two input projections (gated), one output
            long dense = name.startsWith("EmbeddingGemma") ? 2L * hidden * 4 * hidden : 0;
            return layers * (attention + mlp) + dense;
        }

        /** Attention score and context multiply-adds per token at a sequence length. */
        long attentionMacs(int length) {
            return 2L * layers * heads * headDim * length;
        }
    }

    static final List<Arch> ARCHS =
            List.of(
                    new Arch("INSTRUCTOR-base (T5 encoder)", "t5", 768, 12, 12, 12, 64, 2048),
                    new Arch(
                            "EmbeddingGemma-300M (Gemma 3)",
                            "gemma3_text",
                            768,
                            24,
                            3,
                            1,
                            256,
                            1152),
                    new Arch("Qwen3-Embedding-0.6B (Qwen3)", "qwen3", 1024, 28, 16, 8, 128, 3072));

    static void run(int tokensPerSet, ComputeChoice.Device device) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Instruction-following architectures on the native encoder (%s), random weights"
                        + " of the real shapes ==%n",
                device);
        Path root = Files.createTempDirectory("taew-arch-bench");
        try {
            for (Arch a : ARCHS) {
                Path dir = root.resolve(a.modelType());
                long t0 = System.nanoTime();
                write(a, dir);
                System.out.printf(
                        Locale.ROOT,
                        "%n%s: %d layers, hidden %d, %d/%d heads of %d, MLP %d; folder written in %.1f"
                                + " s%n",
                        a.name(),
                        a.layers(),
                        a.hidden(),
                        a.heads(),
                        a.kvHeads(),
                        a.headDim(),
                        a.intermediate(),
                        (System.nanoTime() - t0) / 1e9);
                double matmul = matmulGflops(a);
                ModelSpec spec = ModelFolderReader.read(dir);
                ComputeChoice choice =
                        new ComputeChoice(device, ComputeChoice.Engine.NATIVE, false);
                // the default (two workers of one batch each, small batches) and one worker with
                // large batches
                for (EncoderOptions options :
                        List.of(EncoderOptions.DEFAULT, new EncoderOptions(4096, 64, 0, 1))) {
                    long load = System.nanoTime();
                    try (Encoder e = Engines.openEncoder(spec, options, choice)) {
                        System.out.printf(
                                Locale.ROOT,
                                "%s; %s; loaded in %.1f s; PyTorch fp32 matmul on its shapes: %.1f"
                                        + " GFLOP/s%n",
                                e.engine(),
                                options.equals(EncoderOptions.DEFAULT)
                                        ? "default options ("
                                                + options.effectiveWorkers()
                                                + " workers, "
                                                + options.batchTokenBudget()
                                                + "-token batches)"
                                        : "1 worker, "
                                                + options.batchTokenBudget()
                                                + "-token batches",
                                (System.nanoTime() - load) / 1e9,
                                matmul);
                        measure(a, e, tokensPerSet, matmul);
                    }
                }
                Folders.deleteTree(dir);
            }
        } finally {
            Folders.deleteTree(root);
        }
        System.out.println(
                "\nGFLOP/s lin = 2 x multiply-adds of the linear layers per token x tokens/s (attention"
                        + " scores not counted); of matmul rate = that / PyTorch's fp32 matmul rate on the"
                        + " model's own weight shapes with 2,048 rows, measured in this run.");
    }

    /** Tokens per second on queries, passages and long documents with one encoder. */
    private static void measure(Arch a, Encoder e, int tokensPerSet, double matmul)
            throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%-26s %8s %9s %11s %13s%n",
                "set",
                "tokens",
                "tokens/s",
                "GFLOP/s lin",
                "of matmul rate");
        for (int[] set : new int[][] {{14, 0}, {90, 0}, {330, 1}}) {
            List<PreparedText> texts = texts(set[0], tokensPerSet, set[1] == 1);
            long tokens =
                    e.countTokens(texts.stream().map(PreparedText::text).toList()).stream()
                            .mapToLong(Encoder.TokenCount::tokens)
                            .sum();
            e.encode(texts.subList(0, Math.min(2, texts.size())), ProgressListener.NONE);
            long s = System.nanoTime();
            e.encode(texts, ProgressListener.NONE);
            double seconds = (System.nanoTime() - s) / 1e9;
            double perSecond = tokens / seconds;
            double linear = 2.0 * a.linearMacs() * perSecond / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %8d %9.1f %11.1f %13.2f%n",
                    set[1] == 1
                            ? "long documents (~" + set[0] + ")"
                            : (set[0] < 50 ? "queries (~" : "passages (~") + set[0] + ")",
                    tokens,
                    perSecond,
                    linear,
                    linear / matmul);
        }
    }

    /**
     * {@code count} texts of about {@code length} tokens (words of the benchmark vocabulary), as
     * many as make about {@code budget} tokens; long ones vary ±30 % and a tenth run past 512.
     */
    static List<PreparedText> texts(int length, int budget, boolean longDocs) {
        SplittableRandom r = new SplittableRandom(length);
        List<PreparedText> out = new ArrayList<>();
        int total = 0;
        while (total < budget) {
            int n = (int) Math.round(length * (0.7 + 0.6 * r.nextDouble()));
            if (longDocs && out.size() % 10 == 9) {
                n = 600;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : " ").append('t').append(5 + r.nextInt(VOCAB - 5));
            }
            out.add(PreparedText.plain(b.toString()));
            total += Math.min(n, 512);
        }
        return out;
    }

    /** PyTorch's fp32 matmul rate on the model's weight shapes, 2,048 rows. */
    static double matmulGflops(Arch a) {
        long q = (long) a.heads() * a.headDim();
        return MatMulPeak.torchGflops(
                2048,
                new long[][] {
                    {a.hidden(), q},
                    {q, a.hidden()},
                    {a.hidden(), a.intermediate()},
                    {a.intermediate(), a.hidden()}
                },
                5);
    }

    // ---- writing a model folder of random weights ----

    static void write(Arch a, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("1_Pooling"));
        Map<String, long[]> shapes = shapes(a);
        writeSafetensors(
                dir.resolve("model.safetensors"), shapes, a.modelType().equals("gemma3_text"));
        Files.writeString(dir.resolve("config.json"), config(a), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tokenizer.json"), tokenizer(a), StandardCharsets.UTF_8);
        boolean gemma = a.modelType().equals("gemma3_text");
        boolean qwen = a.modelType().equals("qwen3");
        StringBuilder modules =
                new StringBuilder("[")
                        .append(module(0, "", "Transformer"))
                        .append(',')
                        .append(module(1, "1_Pooling", "Pooling"));
        if (gemma) {
            for (int i = 0; i < 2; i++) {
                Path d = dir.resolve((2 + i) + "_Dense");
                Files.createDirectories(d);
                int in = i == 0 ? a.hidden() : 4 * a.hidden();
                int out = i == 0 ? 4 * a.hidden() : a.hidden();
                Files.writeString(
                        d.resolve("config.json"),
                        "{\"in_features\":"
                                + in
                                + ",\"out_features\":"
                                + out
                                + ",\"bias\":false,\"activation_function\":\"torch.nn.modules.linear.Identity\"}");
                Map<String, long[]> w = new LinkedHashMap<>();
                w.put("linear.weight", new long[] {out, in});
                writeSafetensors(d.resolve("model.safetensors"), w, false);
                modules.append(',').append(module(2 + i, (2 + i) + "_Dense", "Dense"));
            }
        }
        modules.append(',').append(module(9, "9_Normalize", "Normalize")).append(']');
        Files.writeString(dir.resolve("modules.json"), modules.toString());
        Files.writeString(
                dir.resolve("1_Pooling/config.json"),
                "{\"word_embedding_dimension\":"
                        + a.hidden()
                        + ",\"pooling_mode_mean_tokens\":"
                        + !qwen
                        + ",\"pooling_mode_lasttoken\":"
                        + qwen
                        + ",\"include_prompt\":true}");
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\":512}");
    }

    private static Map<String, long[]> shapes(Arch a) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long h = a.hidden();
        long q = (long) a.heads() * a.headDim();
        long kv = (long) a.kvHeads() * a.headDim();
        long i = a.intermediate();
        if (a.modelType().equals("t5")) {
            s.put("shared.weight", new long[] {VOCAB, h});
            s.put(
                    "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                    new long[] {32, a.heads()});
            for (int l = 0; l < a.layers(); l++) {
                String p = "encoder.block." + l + ".layer.";
                for (String x : List.of("q", "k", "v")) {
                    s.put(p + "0.SelfAttention." + x + ".weight", new long[] {q, h});
                }
                s.put(p + "0.SelfAttention.o.weight", new long[] {h, q});
                s.put(p + "0.layer_norm.weight", new long[] {h});
                s.put(p + "1.DenseReluDense.wi_0.weight", new long[] {i, h});
                s.put(p + "1.DenseReluDense.wi_1.weight", new long[] {i, h});
                s.put(p + "1.DenseReluDense.wo.weight", new long[] {h, i});
                s.put(p + "1.layer_norm.weight", new long[] {h});
            }
            s.put("encoder.final_layer_norm.weight", new long[] {h});
            return s;
        }
        boolean gemma = a.modelType().equals("gemma3_text");
        s.put("embed_tokens.weight", new long[] {VOCAB, h});
        for (int l = 0; l < a.layers(); l++) {
            String p = "layers." + l + ".";
            s.put(p + "self_attn.q_proj.weight", new long[] {q, h});
            s.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
            s.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
            s.put(p + "self_attn.o_proj.weight", new long[] {h, q});
            s.put(p + "self_attn.q_norm.weight", new long[] {a.headDim()});
            s.put(p + "self_attn.k_norm.weight", new long[] {a.headDim()});
            s.put(p + "mlp.gate_proj.weight", new long[] {i, h});
            s.put(p + "mlp.up_proj.weight", new long[] {i, h});
            s.put(p + "mlp.down_proj.weight", new long[] {h, i});
            s.put(p + "input_layernorm.weight", new long[] {h});
            s.put(p + "post_attention_layernorm.weight", new long[] {h});
            if (gemma) {
                s.put(p + "pre_feedforward_layernorm.weight", new long[] {h});
                s.put(p + "post_feedforward_layernorm.weight", new long[] {h});
            }
        }
        s.put("norm.weight", new long[] {h});
        return s;
    }

    /** bfloat16 values: norm weights near 1 (near 0 for Gemma's 1 + w), others small. */
    private static void writeSafetensors(Path file, Map<String, long[]> shapes, boolean gemma)
            throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(e.getKey()).append("\":{\"dtype\":\"BF16\",\"shape\":[");
            for (int d = 0; d < e.getValue().length; d++) {
                header.append(d == 0 ? "" : ",").append(e.getValue()[d]);
            }
            header.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + 2 * n)
                    .append("]}");
            offset += 2 * n;
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        SplittableRandom r = new SplittableRandom(7);
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer len =
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            out.write(len.array());
            out.write(h);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long n = 1;
                for (long d : e.getValue()) {
                    n *= d;
                }
                boolean norm = e.getKey().contains("norm");
                for (long k = 0; k < n; k++) {
                    float v =
                            norm
                                    ? (gemma ? 0f : 1f) + 0.02f * (float) (r.nextDouble() - 0.5)
                                    : 0.04f * (float) (r.nextDouble() - 0.5);
                    chunk.putShort((short) (Float.floatToIntBits(v) >>> 16));
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    private static String config(Arch a) {
        return switch (a.modelType()) {
            case "t5" ->
                    "{\"model_type\":\"t5\",\"d_model\":"
                            + a.hidden()
                            + ",\"d_kv\":"
                            + a.headDim()
                            + ",\"num_heads\":"
                            + a.heads()
                            + ",\"num_layers\":"
                            + a.layers()
                            + ",\"d_ff\":"
                            + a.intermediate()
                            + ",\"feed_forward_proj\":\"gated-gelu\",\"relative_attention_num_buckets\":32,"
                            + "\"relative_attention_max_distance\":128,\"layer_norm_epsilon\":1e-6,"
                            + "\"vocab_size\":"
                            + VOCAB
                            + "}";
            case "qwen3" ->
                    decoder(a)
                            + ",\"hidden_act\":\"silu\",\"rope_theta\":1000000,"
                            + "\"max_position_embeddings\":32768,\"attention_bias\":false}";
            default ->
                    decoder(a)
                            + ",\"hidden_activation\":\"gelu_pytorch_tanh\","
                            + "\"rope_theta\":1000000,\"rope_local_base_freq\":10000,"
                            + "\"query_pre_attn_scalar\":256,\"sliding_window\":512,"
                            + "\"sliding_window_pattern\":6,\"use_bidirectional_attention\":true,"
                            + "\"max_position_embeddings\":2048}";
        };
    }

    /** The keys Qwen3 and Gemma 3 configs share, without the closing brace. */
    private static String decoder(Arch a) {
        return "{\"model_type\":\""
                + a.modelType()
                + "\",\"hidden_size\":"
                + a.hidden()
                + ",\"intermediate_size\":"
                + a.intermediate()
                + ",\"num_hidden_layers\":"
                + a.layers()
                + ",\"num_attention_heads\":"
                + a.heads()
                + ",\"num_key_value_heads\":"
                + a.kvHeads()
                + ",\"head_dim\":"
                + a.headDim()
                + ",\"rms_norm_eps\":1e-6,\"vocab_size\":"
                + VOCAB;
    }

    /** A word-level tokenizer over t0 … t31999; the model's special tokens as a template. */
    private static String tokenizer(Arch a) {
        String post =
                switch (a.modelType()) {
                    case "t5", "qwen3" -> "[" + SEQUENCE + "," + special("t1") + "]";
                    default -> "[" + special("t2") + "," + SEQUENCE + "," + special("t1") + "]";
                };
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < VOCAB; i++) {
            vocab.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":").append(i);
        }
        return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
                + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
                + "\"post_processor\":{\"type\":\"TemplateProcessing\",\"single\":"
                + post
                + ",\"pair\":"
                + post
                + ",\"special_tokens\":{"
                + "\"t1\":{\"id\":\"t1\",\"ids\":[1],\"tokens\":[\"t1\"]},"
                + "\"t2\":{\"id\":\"t2\",\"ids\":[2],\"tokens\":[\"t2\"]}}},"
                + "\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{"
                + vocab
                + "},\"unk_token\":\"t3\"}}";
    }

    private static final String SEQUENCE = "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}";

    private static String special(String token) {
        return "{\"SpecialToken\":{\"id\":\"" + token + "\",\"type_id\":0}}";
    }

    private static String module(int idx, String path, String type) {
        return "{\"idx\":"
                + idx
                + ",\"name\":\""
                + idx
                + "\",\"path\":\""
                + path
                + "\",\"type\":\"sentence_transformers.models."
                + type
                + "\"}";
    }
}
