package org.taew.desktop.util;

import org.taew.core.model.Arm;

/** An arm as the desktop's column headings and choice boxes name it: General, BM25, Hybrid. */
public final class ArmNames {
    private ArmNames() {}

    public static String title(Arm arm) {
        return switch (arm) {
            case GENERAL -> "General";
            case TASK_AWARE -> "Task-aware";
            case BM25 -> "BM25";
            case HYBRID -> "Hybrid";
        };
    }
}
