package org.taew.installer;

import java.util.Locale;

/** The build platform in the names the config files use: {@code linux-x64}, {@code mac-aarch64}… */
final class Platforms {
    private Platforms() {}

    static String current() throws BuildException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o =
                os.contains("linux")
                        ? "linux"
                        : os.contains("mac") ? "mac" : os.contains("windows") ? "win" : null;
        String a =
                arch.equals("amd64") || arch.equals("x86_64")
                        ? "x64"
                        : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        if (o == null || a == null) {
            throw new BuildException("Unsupported build platform " + os + " / " + arch);
        }
        return o + "-" + a;
    }

    static String os(String platform) {
        return platform.substring(0, platform.indexOf('-'));
    }
}
