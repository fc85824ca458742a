package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;

/**
 * What DJL's PyTorch engine and the CUDA runtime report about the GPU, for checks and reports that
 * say why the GPU path can or cannot run (the benchmarks' GPU check).
 */
public final class GpuEnvironment {
    private GpuEnvironment() {}

    /**
     * The PyTorch engine as it loaded.
     *
     * @param name the engine's name
     * @param version its version
     * @param cuda whether libtorch is a CUDA build
     * @param cudnn whether it has cuDNN
     * @param defaultDevice the device it computes on by default
     */
    public record Torch(
            String name, String version, boolean cuda, boolean cudnn, String defaultDevice) {}

    /** Free and total memory of a GPU, in bytes. */
    public record Memory(long free, long total) {}

    /**
     * Loads the PyTorch engine that runs the native encoder and the search; throws what DJL throws
     * when it cannot (a {@link RuntimeException} or a {@link LinkageError}).
     */
    public static Torch torch() {
        Engine torch = Engine.getEngine(Engines.SEARCH_ENGINE);
        return new Torch(
                torch.getEngineName(),
                torch.getVersion(),
                torch.hasCapability(StandardCapabilities.CUDA),
                torch.hasCapability(StandardCapabilities.CUDNN),
                String.valueOf(torch.defaultDevice()));
    }

    /** The CUDA runtime's version, as libcudart (found through JNA) reports it. */
    public static String cudaVersion() {
        return CudaUtils.getCudaVersionString();
    }

    /** The compute capability of GPU {@code gpu}, e.g. {@code 90}. */
    public static String computeCapability(int gpu) {
        return CudaUtils.getComputeCapability(gpu);
    }

    /** The memory of the first GPU, as the encoder's batching reads it. */
    public static Memory memory() {
        MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu());
        return new Memory(m.getMax() - m.getUsed(), m.getMax());
    }
}
