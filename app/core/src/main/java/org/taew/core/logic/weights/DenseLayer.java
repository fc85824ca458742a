package org.taew.core.logic.weights;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A sentence-transformers {@code Dense} module: {@code activation(W v + b)} on the pooled vector
 * (EmbeddingGemma's 768 → 3072 → 768, INSTRUCTOR's projection). Read from the module folder's
 * {@code config.json} ({@code in_features}, {@code out_features}, {@code bias}, {@code
 * activation_function}) and {@code model.safetensors} ({@code linear.weight} {@code [out, in]},
 * {@code linear.bias}).
 */
public final class DenseLayer {
    private final int in;
    private final int out;
    private final float[] weight;
    private final float[] bias;
    private final boolean tanh;

    private DenseLayer(int in, int out, float[] weight, float[] bias, boolean tanh) {
        this.in = in;
        this.out = out;
        this.weight = weight;
        this.bias = bias;
        this.tanh = tanh;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** The weights file of a module folder, checked to be safetensors (never pickle). */
    public static Path weightsFile(Path folder) throws MalformedWeightsException {
        Path st = folder.resolve("model.safetensors");
        if (Files.isRegularFile(st)) {
            return st;
        }
        if (Files.isRegularFile(folder.resolve("pytorch_model.bin"))) {
            throw new MalformedWeightsException(
                    folder.resolve("pytorch_model.bin")
                            + " is a pickle file, which the workbench does not load (unpickling can"
                            + " run arbitrary code); save the Dense module as model.safetensors");
        }
        throw new MalformedWeightsException(
                folder + " is a Dense module without model.safetensors");
    }

    public static DenseLayer read(Path folder) throws MalformedWeightsException, IOException {
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new MalformedWeightsException(folder + " is a Dense module without config.json");
        }
        JsonObject c = ConfigValues.read(configFile);
        String file = configFile.toString();
        int in = ConfigValues.positive(c, "in_features", file);
        int out = ConfigValues.positive(c, "out_features", file);
        boolean hasBias = ConfigValues.bool(c, "bias", true);
        String act =
                ConfigValues.string(c, "activation_function", "torch.nn.modules.linear.identity");
        boolean tanh = act.endsWith(".tanh");
        if (!tanh && !act.endsWith(".identity")) {
            throw new MalformedWeightsException(
                    file
                            + ": activation_function \""
                            + act
                            + "\" is not supported (supported: Identity, Tanh)");
        }
        Path weightsFile = weightsFile(folder);
        Map<String, Tensor> tensors = SafetensorsFile.read(weightsFile);
        Tensor w = tensors.get("linear.weight");
        if (w == null || w.shape().length != 2 || w.shape()[0] != out || w.shape()[1] != in) {
            throw new MalformedWeightsException(
                    weightsFile
                            + ": expected linear.weight of shape ["
                            + out
                            + ", "
                            + in
                            + "]"
                            + (w == null ? ", found none" : ", found " + w));
        }
        float[] b = null;
        if (hasBias) {
            Tensor t = tensors.get("linear.bias");
            if (t == null || t.elements() != out) {
                throw new MalformedWeightsException(
                        weightsFile + ": expected linear.bias of " + out + " values");
            }
            b = t.floats();
        }
        return new DenseLayer(in, out, w.floats(), b, tanh);
    }

    /** {@code activation(W v + b)}, accumulated in double. */
    public float[] apply(float[] v) {
        if (v.length != in) {
            throw new IllegalArgumentException(
                    "a Dense layer of " + in + " inputs got a vector of " + v.length);
        }
        float[] r = new float[out];
        for (int o = 0; o < out; o++) {
            double s = bias == null ? 0 : bias[o];
            int row = o * in;
            for (int i = 0; i < in; i++) {
                s += (double) weight[row + i] * v[i];
            }
            r[o] = (float) (tanh ? Math.tanh(s) : s);
        }
        return r;
    }
}
