package org.taew.core.logic.weights;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BERT-family encoder's weights under Hugging Face's names (without the {@code bert.} / {@code
 * roberta.} prefix), checked against the config: every tensor the forward pass needs is there with
 * the shape the config implies.
 *
 * <p>From safetensors the names are Hugging Face's own, linear weights stored {@code [out, in]}.
 * From an ONNX export the biases, LayerNorms and embeddings keep those names, but each linear
 * weight is a {@code MatMul} initializer stored transposed ({@code [in, out]}) under a generated
 * name such as {@code onnx::MatMul_1525}; the MatMul node's name ({@code
 * /encoder/layer.0/attention/self/query/MatMul}) says which layer it belongs to.
 */
public final class BertWeights implements NativeCheckpoint {
    private static final Pattern MATMUL = Pattern.compile("^/(.+)/MatMul$");
    private static final List<String> PREFIXES = List.of("bert.", "roberta.", "model.");

    private final BertConfig config;
    private final WeightSet tensors;
    private final Set<String> inputMajor;

    private BertWeights(BertConfig config, WeightSet tensors, Set<String> inputMajor) {
        this.config = config;
        this.tensors = tensors;
        this.inputMajor = inputMajor;
    }

    @Override
    public String architecture() {
        return config.modelType();
    }

    public BertConfig config() {
        return config;
    }

    public Tensor get(String name) {
        return tensors.get(name);
    }

    /**
     * Whether a linear weight is stored {@code [in, out]} (ONNX MatMul) rather than {@code [out,
     * in]}.
     */
    public boolean inputMajor(String name) {
        return inputMajor.contains(name);
    }

    public static BertWeights fromOnnx(OnnxModel model, BertConfig config, String what)
            throws MalformedWeightsException {
        Map<String, Tensor> named = new HashMap<>();
        Set<String> transposed = new HashSet<>();
        for (Map.Entry<String, Tensor> e : model.tensors().entrySet()) {
            named.put(canonical(e.getKey()), e.getValue());
        }
        for (OnnxModel.Node n : model.nodes()) {
            if (!n.opType().equals("MatMul") || n.inputs().size() != 2) {
                continue;
            }
            Tensor w = model.tensors().get(n.inputs().get(1));
            Matcher m = MATMUL.matcher(n.name());
            if (w == null || !m.matches()) {
                continue; // attention's own MatMuls multiply activations, not weights
            }
            String name = canonical(m.group(1).replace('/', '.') + ".weight");
            named.put(name, w);
            transposed.add(name);
        }
        return checked(named, transposed, config, what);
    }

    public static BertWeights fromSafetensors(
            Map<String, Tensor> file, BertConfig config, String what)
            throws MalformedWeightsException {
        Map<String, Tensor> named = new HashMap<>();
        for (Map.Entry<String, Tensor> e : file.entrySet()) {
            named.put(canonical(e.getKey()), e.getValue());
        }
        return checked(named, Set.of(), config, what);
    }

    static String canonical(String name) {
        String n = name;
        for (String p : PREFIXES) {
            if (n.startsWith(p)) {
                n = n.substring(p.length());
                break;
            }
        }
        if (n.endsWith("LayerNorm.gamma")) {
            n = n.substring(0, n.length() - "gamma".length()) + "weight";
        } else if (n.endsWith("LayerNorm.beta")) {
            n = n.substring(0, n.length() - "beta".length()) + "bias";
        }
        return n;
    }

    private static BertWeights checked(
            Map<String, Tensor> named, Set<String> transposed, BertConfig c, String what)
            throws MalformedWeightsException {
        WeightSet kept =
                WeightSet.check(
                        named,
                        expectedShapes(c, named),
                        transposed,
                        what,
                        "the "
                                + c.modelType()
                                + " encoder its config describes ("
                                + c.layers()
                                + " layers, hidden size "
                                + c.hiddenSize()
                                + ")");
        return new BertWeights(c, kept, transposed);
    }

    private static Map<String, long[]> expectedShapes(BertConfig c, Map<String, Tensor> named) {
        long h = c.hiddenSize();
        long i = c.intermediateSize();
        Map<String, long[]> s = new LinkedHashMap<>();
        long vocab = WeightSet.rows(named, "embeddings.word_embeddings.weight");
        s.put("embeddings.word_embeddings.weight", new long[] {vocab, h});
        s.put("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), h});
        s.put("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), h});
        s.put("embeddings.LayerNorm.weight", new long[] {h});
        s.put("embeddings.LayerNorm.bias", new long[] {h});
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            for (String qkv : List.of("query", "key", "value")) {
                s.put(p + "attention.self." + qkv + ".weight", new long[] {h, h});
                s.put(p + "attention.self." + qkv + ".bias", new long[] {h});
            }
            s.put(p + "attention.output.dense.weight", new long[] {h, h});
            s.put(p + "attention.output.dense.bias", new long[] {h});
            s.put(p + "attention.output.LayerNorm.weight", new long[] {h});
            s.put(p + "attention.output.LayerNorm.bias", new long[] {h});
            s.put(p + "intermediate.dense.weight", new long[] {i, h});
            s.put(p + "intermediate.dense.bias", new long[] {i});
            s.put(p + "output.dense.weight", new long[] {h, i});
            s.put(p + "output.dense.bias", new long[] {h});
            s.put(p + "output.LayerNorm.weight", new long[] {h});
            s.put(p + "output.LayerNorm.bias", new long[] {h});
        }
        return s;
    }
}
