package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.taew.core.logic.weights.Tensor;

/**
 * A model's weights as NDArrays on one device, in float32, float16 or bfloat16 (the compute type);
 * closing it frees them all.
 */
final class DeviceWeights implements AutoCloseable {
    private final NDManager manager;
    private final Device device;
    private final DataType type;
    private final boolean half;

    /**
     * @param type FLOAT32, FLOAT16 or BFLOAT16
     */
    DeviceWeights(Device device, DataType type) {
        this.device = device;
        this.type = type;
        this.half = type != DataType.FLOAT32;
        this.manager = Engine.getEngine("PyTorch").newBaseManager(device);
    }

    Device device() {
        return device;
    }

    boolean half() {
        return half;
    }

    /** The compute type of activations. */
    DataType type() {
        return type;
    }

    /**
     * A very large negative number of the compute type, for masked attention scores: in float16 one
     * that a score added to it cannot push past the type's range (a row of -inf would make NaN).
     */
    float masked() {
        return type == DataType.FLOAT16 ? -30_000f : -1e30f;
    }

    NDManager newBatchManager() {
        return manager.newSubManager();
    }

    /** The tensor as stored, in the compute type. */
    NDArray array(Tensor t) {
        NDArray a = manager.create(t.floats(), new Shape(t.shape()));
        if (!half) {
            return a;
        }
        NDArray h = a.toType(type, false);
        a.close();
        return h;
    }

    /** The tensor in float32 whatever the compute type (norm weights: norms run in float32). */
    NDArray floats(Tensor t) {
        return manager.create(t.floats(), new Shape(t.shape()));
    }

    /** The tensor plus a constant, in float32 (Gemma's {@code 1 + w} norm weights). */
    NDArray floatsPlus(Tensor t, float c) {
        float[] v = t.floats();
        for (int i = 0; i < v.length; i++) {
            v[i] += c;
        }
        return manager.create(v, new Shape(t.shape()));
    }

    /**
     * A linear layer's weight as {@code [in, out]}, so that a layer is {@code x @ W}.
     *
     * @param inputMajor whether it is stored {@code [in, out]} already (ONNX MatMul)
     */
    NDArray matrix(Tensor t, boolean inputMajor) {
        NDArray w = array(t);
        if (inputMajor) {
            return w;
        }
        // the view shares w's storage: close it too, or every weight is held twice
        NDArray view = w.transpose();
        NDArray transposed = view.duplicate();
        view.close();
        w.close();
        return transposed;
    }

    @Override
    public void close() {
        manager.close();
    }
}
