package org.taew.desktop.map;

import org.taew.core.model.Mode;

/**
 * One end of the map's arrows as the choice boxes offer it: a mode of the session's evaluation, or
 * a variant of the last experiment, by the name the leaderboard gives it.
 *
 * @param label what the choice box shows
 * @param mode the mode, or null for a variant
 */
public record MapEnd(String label, Mode mode) {
    public static final MapEnd GENERAL = new MapEnd("General", Mode.GENERAL);
    public static final MapEnd TASK_AWARE = new MapEnd("Task-aware", Mode.TASK_AWARE);

    /** The experiment variant called {@code name} on the leaderboard. */
    public static MapEnd variant(String name) {
        return new MapEnd(name, null);
    }

    public boolean isVariant() {
        return mode == null;
    }

    /** The name the map's sentences use: the mode's (general, task-aware) or the variant's. */
    public String name() {
        return mode == null ? label : mode.label();
    }

    @Override
    public String toString() {
        return label;
    }
}
