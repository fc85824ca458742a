package org.taew.desktop.session;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.encoding.ComputeChoice;

/** The devices the desktop offers: the CPU, and a CUDA GPU in full or half precision. */
@SuppressWarnings("ImmutableEnumChecker") // ComputeChoice is a record of enums and a boolean
public enum DeviceChoice {
    CPU("CPU", ComputeChoice.CPU),
    GPU(
            "GPU (CUDA)",
            new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.AUTO, false)),
    GPU_HALF(
            "GPU (CUDA, float16)",
            new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.AUTO, true));

    private final String label;
    private final ComputeChoice compute;

    DeviceChoice(String label, ComputeChoice compute) {
        this.label = label;
        this.compute = compute;
    }

    public ComputeChoice compute() {
        return compute;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The CPU, and each CUDA GPU in full and half precision once the engine has said how many. */
    static List<DeviceChoice> available(int gpus) {
        List<DeviceChoice> d = new ArrayList<>(List.of(CPU));
        if (gpus > 0) {
            d.add(GPU);
            d.add(GPU_HALF);
        }
        return d;
    }
}
