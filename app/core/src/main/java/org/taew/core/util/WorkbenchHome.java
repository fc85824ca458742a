package org.taew.core.util;

import java.nio.file.Path;

/**
 * The per-user folder where the workbench keeps extracted models and embedding caches: the system
 * property {@code taew.home}, else the environment variable {@code TAEW_HOME}, else {@code
 * $XDG_DATA_HOME/taew}, else {@code ~/.local/share/taew}. Inside it: {@code models/}, {@code
 * embeddings/}, {@code autosave/} (and {@code workspace/}, {@code djl/} for an installed
 * workbench).
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
        Installation.configureDjl(home);
    }

    public static Path models() {
        return models(resolve());
    }

    public static Path embeddingCache() {
        return embeddingCache(resolve());
    }

    /** The home's layout, written once: extracted bundled models and model folders. */
    public static Path models(Path home) {
        return home.resolve("models");
    }

    /** The embedding cache (one file per model identity). */
    public static Path embeddingCache(Path home) {
        return home.resolve("embeddings");
    }

    /** Drafts of instruction files that could not be autosaved beside the file. */
    public static Path autosave(Path home) {
        return home.resolve("autosave");
    }

    /** BM25's Lucene indexes, one folder per dataset and settings (docs/formats.md, "BM25"). */
    public static Path lexicalIndexes(Path home) {
        return home.resolve("bm25");
    }

    /** The run history (an SQLite database: docs/formats.md, "Run history"). */
    public static Path history(Path home) {
        return home.resolve("history.sqlite");
    }
}
