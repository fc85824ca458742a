package org.taew.core.logic.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.taew.core.logic.encoding.ComputeChoice;

/** A {@link NativeModel} as the encoder's runner: each forward in its own batch manager. */
final class NativeModelRunner implements EncoderRunner {
    private final NativeModel model;

    NativeModelRunner(NativeModel model) {
        this.model = model;
    }

    @Override
    public Forward newForward() {
        return (ids, mask, types, b, len) -> {
            try (NDManager m = model.newBatchManager()) {
                NDArray hidden = model.forward(m, ids, mask, types, b, len);
                return new Hidden(hidden.toFloatArray(), hidden.getShape());
            }
        };
    }

    @Override
    public boolean leftPadding() {
        return model.leftPadding();
    }

    @Override
    public String engine() {
        return EngineNames.describe("PyTorch")
                + " (native "
                + model.architecture()
                + " encoder) on "
                + EngineNames.label(model.device())
                + (model.half() ? ", " + model.precision() : "");
    }

    @Override
    public String cacheTag() {
        return ComputeChoice.cacheTag(true, model.precision());
    }

    @Override
    public void close() {
        model.close();
    }
}
