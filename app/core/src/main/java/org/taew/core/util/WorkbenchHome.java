package org.taew.core.util;

import java.nio.file.Path;

/**
 * The per-user folder where the workbench keeps extracted models and embedding caches: the system
 * property {@code taew.home}, else the environment variable {@code TAEW_HOME}, else {@code
 * $XDG_DATA_HOME/taew}, else {@code ~/.local/share/taew}.
 */
public final class WorkbenchHome {
    private WorkbenchHome() {}

    public static Path resolve() {
        String prop = System.getProperty("taew.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("TAEW_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "taew");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "taew");
    }

    /**
     * Makes {@code home} this process's workbench home (the {@code taew.home} property, as {@code
     * --home} asks); an installed workbench's DJL cache moves with it.
     */
    public static void set(Path home) {
        System.setProperty("taew.home", home.toString());
        Installation.configureDjl();
    }

    public static Path models() {
        return resolve().resolve("models");
    }

    public static Path embeddingCache() {
        return resolve().resolve("embeddings");
    }
}
