package org.taew.core.model;

import java.io.Serializable;

/**
 * The templates for the two sides of a task. With {@code excludeInstructionFromPooling} the tokens
 * of the instruction (the template prefix) are left out of mean pooling, as INSTRUCTOR and
 * sentence-transformers' {@code include_prompt=false} do.
 */
public record InstructionPair(
        Template query, Template document, boolean excludeInstructionFromPooling)
        implements Serializable {
    /** General mode: no instruction on either side. */
    public static final InstructionPair GENERAL =
            new InstructionPair(Template.IDENTITY, Template.IDENTITY, false);

    public Template template(Side side) {
        return side == Side.QUERY ? query : document;
    }

    public PreparedText prepare(Side side, String text) {
        Template t = template(side);
        return new PreparedText(t.apply(text), excludeInstructionFromPooling ? t.prefix() : "");
    }
}
