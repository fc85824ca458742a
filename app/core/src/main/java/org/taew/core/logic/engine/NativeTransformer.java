package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** What the native transformers share: their weights on one device, and the token lookup. */
abstract class NativeTransformer implements NativeModel {
    /** The weights, in the compute type (a half type for GPUs; outputs are float32). */
    protected final DeviceWeights weights;

    NativeTransformer(Device device, DataType type) {
        this.weights = new DeviceWeights(device, type);
    }

    @Override
    public String precision() {
        return weights.half() ? weights.type().toString().toLowerCase(Locale.ROOT) : "";
    }

    @Override
    public Device device() {
        return weights.device();
    }

    @Override
    public boolean half() {
        return weights.half();
    }

    @Override
    public NDManager newBatchManager() {
        return weights.newBatchManager();
    }

    /** The rows of {@code table} for a batch's token ids: {@code [batch, length, width]}. */
    static NDArray lookup(NDManager m, NDArray table, long[] ids, int batch, int length) {
        return table.get(m, new NDIndex("{}", m.create(ids, new Shape((long) batch * length))))
                .reshape(batch, length, table.getShape().get(1));
    }

    /**
     * Runs one layer on {@code x} in a scope of its own: every array made on the way, and {@code x}
     * itself, is freed when it returns; the result is kept by {@code m}. Without this a batch would
     * hold every intermediate array of every layer until its end (gigabytes for a 0.6B model).
     */
    static NDArray layer(NDManager m, NDArray x, UnaryOperator<NDArray> step) {
        try (NDManager scope = m.newSubManager()) {
            x.attach(scope);
            NDArray y = step.apply(x);
            y.attach(m);
            return y;
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
