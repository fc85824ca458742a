package org.taew.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model folder of random weights in the Hugging Face layout for an {@link Arch} (bfloat16
 * safetensors, as the published checkpoints, a config and a word-level tokenizer), read through the
 * normal model-folder path by {@link ArchitectureBenchmark}.
 */
final class RandomModelFolder {
    private RandomModelFolder() {}

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
            s.put("shared.weight", new long[] {Arch.VOCAB, h});
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
        s.put("embed_tokens.weight", new long[] {Arch.VOCAB, h});
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
                            + Arch.VOCAB
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
                + Arch.VOCAB;
    }

    /** A word-level tokenizer over t0 … t31999; the model's special tokens as a template. */
    private static String tokenizer(Arch a) {
        String post =
                switch (a.modelType()) {
                    case "t5", "qwen3" -> "[" + SEQUENCE + "," + special("t1") + "]";
                    default -> "[" + special("t2") + "," + SEQUENCE + "," + special("t1") + "]";
                };
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < Arch.VOCAB; i++) {
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
