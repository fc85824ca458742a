package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.taew.core.logic.weights.Tensor;

/**
 * A model's weights as NDArrays on one device, in float32 or float16; closing it frees them all.
 */
final class DeviceWeights implements AutoCloseable {
    private final NDManager manager;
    private final Device device;
    private final boolean half;

    DeviceWeights(Device device, boolean half) {
        this.device = device;
        this.half = half;
        this.manager = Engine.getEngine("PyTorch").newBaseManager(device);
    }

    Device device() {
        return device;
    }

    boolean half() {
        return half;
    }

    /** The compute type of activations: float16 or float32. */
    DataType type() {
        return half ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    /** A very large negative number of the compute type, for masked attention scores. */
    float masked() {
        return half ? -65504f : -1e30f;
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
        NDArray h = a.toType(DataType.FLOAT16, false);
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
        NDArray transposed = w.transpose().duplicate();
        w.close();
        return transposed;
    }

    @Override
    public void close() {
        manager.close();
    }
}
