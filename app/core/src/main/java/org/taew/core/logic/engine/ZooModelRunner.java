package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;

/**
 * A model file loaded through DJL's model zoo: ONNX Runtime for {@code .onnx}, PyTorch for
 * TorchScript. Builds the {@link Criteria} in one place and gives each worker its own {@link
 * Predictor}.
 */
final class ZooModelRunner implements EncoderRunner {
    private final ModelSpec spec;
    private final Device device;
    private final boolean onnx;
    private final ZooModel<NDList, NDList> model;
    private final boolean takesTokenTypes;
    private final boolean takesPositions;
    private final boolean chainDeclared;
    private final List<Predictor<NDList, NDList>> predictors = new ArrayList<>();

    private ZooModelRunner(
            ModelSpec spec, Device device, boolean onnx, ZooModel<NDList, NDList> model) {
        this.spec = spec;
        this.device = device;
        this.onnx = onnx;
        this.model = model;
        boolean tokenTypes = true;
        boolean positions = false;
        PairList<String, Shape> inputs = model.describeInput();
        if (inputs != null && !inputs.isEmpty()) {
            tokenTypes = inputs.keys().contains("token_type_ids");
            positions = inputs.keys().contains(POSITION_IDS);
        }
        this.takesTokenTypes = tokenTypes;
        this.takesPositions = positions;
        this.chainDeclared = Files.isRegularFile(spec.dir().resolve("modules.json"));
    }

    private static final String POSITION_IDS = "position_ids";

    /** The output of an export that pools, densifies and normalises inside its graph. */
    static final String SENTENCE_EMBEDDING = "sentence_embedding";

    private static final String LAST_HIDDEN_STATE = "last_hidden_state";

    /**
     * What a forward's outputs give: the token states ({@code last_hidden_state}, else the first
     * output) for the folder's sentence-transformers modules, or the graph's own {@code
     * sentence_embedding} taken as it is — when the graph has no token states, or the folder
     * declares no modules (an export such as onnx-community's EmbeddingGemma, whose Dense layers
     * exist only inside the graph).
     */
    static Hidden choose(NDList output, boolean chainDeclared) {
        NDArray tokens = output.get(LAST_HIDDEN_STATE);
        NDArray pooled = output.get(SENTENCE_EMBEDDING);
        if (pooled != null && (tokens == null || !chainDeclared)) {
            return new Hidden(pooled.toFloatArray(), pooled.getShape(), true);
        }
        NDArray hidden = tokens != null ? tokens : output.get(0);
        return new Hidden(hidden.toFloatArray(), hidden.getShape());
    }

    /**
     * The positions of a batch as Hugging Face computes them from the attention mask (the running
     * count of real tokens minus one, padding at 1), so that a left-padded row starts at 0.
     */
    static long[] positions(long[] mask, int b, int len) {
        long[] out = new long[mask.length];
        for (int r = 0; r < b; r++) {
            long seen = 0;
            for (int i = 0; i < len; i++) {
                int at = r * len + i;
                seen += mask[at];
                out[at] = mask[at] == 0 ? 1 : seen - 1;
            }
        }
        return out;
    }

    /** Why the graph cannot be driven as an encoder, or null: a decoder export with a KV cache. */
    static String refusal(List<String> inputs, String file) {
        for (String name : inputs) {
            if (name.startsWith("past_key_values")) {
                return file
                        + " is a text-generation export: it expects a KV cache ("
                        + name
                        + "). Use the feature-extraction export instead (optimum-cli export onnx"
                        + " --task feature-extraction, or the Hub repository's onnx/model.onnx whose"
                        + " inputs are input_ids, attention_mask and position_ids)";
            }
        }
        return null;
    }

    /** Loads the model's weights file with the engine its format needs. */
    static ZooModelRunner load(ModelSpec spec, EncoderOptions options, Device device)
            throws WorkbenchException {
        boolean onnx = spec.format().equals("onnx");
        ZooModel<NDList, NDList> model;
        try {
            model = criteria(spec, options, device, onnx).loadModel();
        } catch (ModelNotFoundException
                | MalformedModelException
                | IOException
                | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    spec.weights()
                            + " could not be loaded by "
                            + (onnx ? "ONNX Runtime" : "PyTorch")
                            + ": "
                            + e.getMessage(),
                    e);
        }
        PairList<String, Shape> inputs = model.describeInput();
        String why = inputs == null ? null : refusal(inputs.keys(), spec.weights().toString());
        if (why != null) {
            model.close();
            throw new WorkbenchException(WorkbenchException.Kind.MODEL, why);
        }
        return new ZooModelRunner(spec, device, onnx, model);
    }

    /** The criteria of the weights file: raw {@link NDList}s in and out, our own pre and post. */
    private static Criteria<NDList, NDList> criteria(
            ModelSpec spec, EncoderOptions options, Device device, boolean onnx) {
        String fileName = spec.weights().getFileName().toString();
        String stem = fileName.substring(0, fileName.lastIndexOf('.'));
        Criteria.Builder<NDList, NDList> builder =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(spec.weights().getParent())
                        .optModelName(stem)
                        .optEngine(onnx ? "OnnxRuntime" : "PyTorch")
                        .optDevice(device)
                        .optTranslator(new NoopTranslator());
        if (onnx) {
            builder.optOption("optLevel", "ALL_OPT");
            if (options.intraOpThreads() > 0) {
                builder.optOption("intraOpNumThreads", Integer.toString(options.intraOpThreads()));
            }
            builder.optOption("interOpNumThreads", "1");
        }
        return builder.build();
    }

    @Override
    public synchronized Forward newForward() {
        Predictor<NDList, NDList> predictor = model.newPredictor();
        predictors.add(predictor);
        return (ids, mask, types, b, len) -> {
            try (NDManager manager = model.getNDManager().newSubManager()) {
                Shape shape = new Shape(b, len);
                NDArray idArray = manager.create(ids, shape);
                idArray.setName("input_ids");
                NDArray maskArray = manager.create(mask, shape);
                maskArray.setName("attention_mask");
                NDList input = new NDList(idArray, maskArray);
                if (takesTokenTypes) {
                    NDArray typeArray = manager.create(types, shape);
                    typeArray.setName("token_type_ids");
                    input.add(typeArray);
                }
                if (takesPositions) {
                    NDArray positionArray = manager.create(positions(mask, b, len), shape);
                    positionArray.setName(POSITION_IDS);
                    input.add(positionArray);
                }
                NDList output = predictor.predict(input);
                Hidden h = choose(output, chainDeclared);
                output.close();
                return h;
            }
        };
    }

    @Override
    public String engine() {
        Precision precision = Precision.of(spec);
        return EngineNames.describe(onnx ? "OnnxRuntime" : "PyTorch")
                + " on "
                + EngineNames.label(device)
                + (precision == Precision.FP32 ? "" : ", " + precision.label() + " weights");
    }

    @Override
    public String cacheTag() {
        return onnx ? "" : ";engine=torchscript";
    }

    @Override
    public synchronized void close() {
        for (Predictor<NDList, NDList> p : predictors) {
            p.close();
        }
        model.close();
    }
}
