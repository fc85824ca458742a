package org.taew.core.model;

/** General (no instruction) or task-aware (the task's instruction templates). */
public enum Mode {
    GENERAL("general"),
    TASK_AWARE("task-aware");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
