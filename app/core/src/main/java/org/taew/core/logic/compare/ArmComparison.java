package org.taew.core.logic.compare;

import org.taew.core.model.Arm;

/**
 * Two arms compared query by query: {@code comparison}'s first side is {@code baseline}, its second
 * {@code arm} (its deltas are arm − baseline).
 */
public record ArmComparison(Arm baseline, Arm arm, ModeComparison comparison) {
    /** E.g. {@code task-aware vs bm25}. */
    public String label() {
        return arm.label() + " vs " + baseline.label();
    }
}
