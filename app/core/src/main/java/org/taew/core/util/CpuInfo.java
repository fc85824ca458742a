package org.taew.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What every benchmark prints first: the CPU's model and its vector-instruction flags. */
public final class CpuInfo {
    private CpuInfo() {}

    /** The CPU's model and its vector-instruction flags, from /proc/cpuinfo. */
    public static String describe() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return System.getProperty("os.arch");
        }
        try {
            String model = "?";
            List<String> flags = List.of();
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("model name") && model.equals("?")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                }
                if (line.startsWith("flags") && flags.isEmpty()) {
                    flags =
                            Arrays.stream(line.substring(line.indexOf(':') + 1).strip().split(" "))
                                    .filter(
                                            f ->
                                                    f.startsWith("avx")
                                                            || f.startsWith("sse")
                                                            || f.equals("fma")
                                                            || f.startsWith("amx")
                                                            || f.equals("f16c"))
                                    .toList();
                }
            }
            return model + "; vector flags: " + String.join(" ", flags);
        } catch (IOException e) {
            return System.getProperty("os.arch") + " (" + e.getMessage() + ")";
        }
    }
}
