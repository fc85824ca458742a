package org.taew.core.model;

import java.util.Locale;

/**
 * One way of ranking a dataset's documents for its queries: the embedding model in general or
 * task-aware mode, BM25 (lexical, no model), or a hybrid of BM25 and one of the dense modes. Every
 * comparison in the workbench is between two arms.
 */
public enum Arm {
    GENERAL("general", Mode.GENERAL),
    TASK_AWARE("task-aware", Mode.TASK_AWARE),
    BM25("bm25", null),
    HYBRID("hybrid", null);

    private final String label;
    private final Mode mode;

    Arm(String label, Mode mode) {
        this.label = label;
        this.mode = mode;
    }

    /** As reports, the command line and the run history name it. */
    public String label() {
        return label;
    }

    /**
     * As results.json keys it: {@code general}, {@code task_aware}, {@code bm25}, {@code hybrid}.
     */
    public String key() {
        return label.replace('-', '_');
    }

    /** The dense mode of a dense arm, null for BM25 and hybrid. */
    public Mode mode() {
        return mode;
    }

    /** Whether the embedding model ranks alone. */
    public boolean dense() {
        return mode != null;
    }

    public static Arm of(Mode mode) {
        return mode == Mode.GENERAL ? GENERAL : TASK_AWARE;
    }

    /** The arm named by its label or key, case ignored; null when no arm has that name. */
    public static Arm find(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Arm a : values()) {
            if (a.label.equals(n)) {
                return a;
            }
        }
        return null;
    }
}
