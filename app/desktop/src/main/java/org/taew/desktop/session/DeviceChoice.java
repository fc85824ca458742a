package org.taew.desktop.session;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.encoding.ComputeChoice;
import org.taew.core.logic.encoding.Precision;

/**
 * The devices the desktop offers: the CPU, the CPU with the model's int8 or 4-bit weights (drafts,
 * to confirm in fp32) when it has them, and a CUDA GPU in full or half precision.
 */
@SuppressWarnings("ImmutableEnumChecker") // ComputeChoice is a record of enums and a boolean
public enum DeviceChoice {
    CPU("CPU", ComputeChoice.CPU, Precision.FP32),
    CPU_INT8("CPU, int8 draft", ComputeChoice.CPU, Precision.INT8),
    CPU_Q4("CPU, q4 draft", ComputeChoice.CPU, Precision.Q4),
    GPU(
            "GPU (CUDA)",
            new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.AUTO, false),
            Precision.FP32),
    GPU_HALF(
            "GPU (CUDA, float16)",
            new ComputeChoice(ComputeChoice.Device.GPU, ComputeChoice.Engine.AUTO, true),
            Precision.FP32);

    private final String label;
    private final ComputeChoice compute;
    private final Precision precision;

    DeviceChoice(String label, ComputeChoice compute, Precision precision) {
        this.label = label;
        this.compute = compute;
        this.precision = precision;
    }

    public ComputeChoice compute() {
        return compute;
    }

    /** The CPU draft that runs {@code precision}'s weights, or the CPU for fp32. */
    static DeviceChoice cpu(Precision precision) {
        for (DeviceChoice d : values()) {
            if (d.precision == precision && d.compute.equals(ComputeChoice.CPU)) {
                return d;
            }
        }
        return CPU;
    }

    /** The precision of the model's weights file this choice runs. */
    public Precision precision() {
        return precision;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The CPU; its int8 and q4 drafts when the model has such weights; each CUDA GPU in full and
     * half precision once the engine has said how many.
     */
    static List<DeviceChoice> available(int gpus, List<Precision> has) {
        List<DeviceChoice> d = new ArrayList<>(List.of(CPU));
        for (DeviceChoice draft : List.of(CPU_INT8, CPU_Q4)) {
            if (has.contains(draft.precision)) {
                d.add(draft);
            }
        }
        if (gpus > 0) {
            d.add(GPU);
            d.add(GPU_HALF);
        }
        return d;
    }
}
