package org.taew.core.model;

import java.util.Locale;

/**
 * How many tokens of a text a model reads (special tokens included) and where that number was
 * found, as sentence-transformers finds it. A text past the limit loses its end; the model's end
 * token is kept.
 *
 * @param tokens the limit, or {@link #NONE} when nothing sets one and the model has no position
 *     limit (texts are not cut, as sentence-transformers does not cut them)
 * @param source where it comes from, e.g. {@code tokenizer_config.json model_max_length}
 */
public record LengthLimit(int tokens, String source) {
    /** No limit: every token is read. */
    public static final int NONE = Integer.MAX_VALUE;

    public LengthLimit {
        if (tokens < 1) {
            throw new IllegalArgumentException(
                    "a length limit must be at least 1 token: " + tokens);
        }
    }

    /** A limit given by a descriptor or a table of the workbench's own. */
    public static LengthLimit of(int tokens) {
        return new LengthLimit(tokens, "declared");
    }

    /** Whether texts past some length are cut. */
    public boolean cuts() {
        return tokens != NONE;
    }

    /** The number of tokens, or "none". */
    public String shortLabel() {
        return cuts() ? Integer.toString(tokens) : "none";
    }

    /** E.g. "24 tokens (tokenizer_config.json model_max_length)" or "no limit (…)". */
    public String describe() {
        return (cuts() ? String.format(Locale.ROOT, "%d tokens", tokens) : "no limit")
                + " ("
                + source
                + ")";
    }
}
