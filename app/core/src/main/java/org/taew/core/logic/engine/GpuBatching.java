package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.model.LengthLimit;

/**
 * Batches of the native encoder on a GPU, sized from the device's free memory: a batch may hold as
 * many tokens as half the free memory allows, given what one layer's arrays take per token (each
 * layer frees its arrays when it returns, so one layer's worth is what a batch holds at once). On
 * the CPU the defaults stay (docs/benchmarks.md: small batches are faster there).
 */
final class GpuBatching {
    /** Never more tokens in one batch than this, whatever the memory. */
    static final int MAX_TOKENS = 65_536;

    /** The text length a model without a length limit is budgeted for. */
    static final int NOMINAL_LENGTH = 512;

    private GpuBatching() {}

    /**
     * Options for the model on {@code device}: one worker, as many tokens per batch as {@link
     * #tokenBudget} allows; {@code options} unchanged on the CPU or when the device does not say
     * how much memory it has.
     */
    static EncoderOptions options(
            EncoderOptions options, NativeModel model, Device device, int modelLimit) {
        // a model without a length limit is budgeted for texts of a nominal length (a longer text
        // gets a batch of its own, as with any limit)
        int maxLength = modelLimit == LengthLimit.NONE ? NOMINAL_LENGTH : modelLimit;
        if (!device.isGpu()) {
            return options;
        }
        long free;
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(device);
            free = m.getMax() - m.getUsed();
        } catch (RuntimeException e) {
            return options;
        }
        if (free <= 0) {
            return options;
        }
        int budget =
                tokenBudget(
                        free,
                        model.activationFloatsPerToken(maxLength),
                        model.half() ? 2 : 4,
                        maxLength);
        return new EncoderOptions(budget, 1024, 0, 1, options.belowNormalPriority());
    }

    /**
     * The tokens a batch may hold: half of {@code freeBytes} over what a token of a {@code
     * maxLength}-token batch takes, at least one text of {@code maxLength} tokens, at most {@link
     * #MAX_TOKENS}.
     */
    static int tokenBudget(long freeBytes, long floatsPerToken, int bytesPerFloat, int maxLength) {
        long perToken = Math.max(1, floatsPerToken * bytesPerFloat);
        long tokens = freeBytes / 2 / perToken;
        return (int) Math.max(maxLength, Math.min(MAX_TOKENS, tokens));
    }
}
