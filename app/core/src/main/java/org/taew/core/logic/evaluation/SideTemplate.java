package org.taew.core.logic.evaluation;

import org.taew.core.model.InstructionPair;
import org.taew.core.model.Side;
import org.taew.core.model.Template;

/**
 * What decides the vectors of one side's texts under an instruction pair — the side, the template's
 * text around the input, and whether the prefix is left out of pooling — so that two pairs with the
 * same key share their vectors. The one key of the live evaluation and of experiments.
 */
public record SideTemplate(Side side, String prefix, String suffix, boolean poolOutPrefix) {
    public static SideTemplate of(Side side, InstructionPair pair) {
        Template t = pair.template(side);
        return new SideTemplate(
                side,
                t.prefix(),
                t.suffix(),
                pair.excludeInstructionFromPooling() && !t.prefix().isEmpty());
    }
}
