package org.taew.core.logic.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** How reports name an engine ({@code OnnxRuntime 1.21.1}) and a device ({@code GPU 0}). */
final class EngineNames {
    private EngineNames() {}

    /** The name and version of an engine, for reports; e.g. {@code OnnxRuntime 1.21.1}. */
    static String describe(String engineName) {
        try {
            Engine e = Engine.getEngine(engineName);
            return e.getEngineName() + " " + e.getVersion();
        } catch (RuntimeException e) {
            return engineName + " (unavailable: " + e.getMessage() + ")";
        }
    }

    /** {@code CPU}, or {@code GPU} and the device's number. */
    static String label(Device device) {
        return device.isGpu() ? "GPU " + device.getDeviceId() : "CPU";
    }
}
