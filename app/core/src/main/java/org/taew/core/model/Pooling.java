package org.taew.core.model;

import java.util.Locale;

/** How token vectors become one sentence vector. */
public enum Pooling {
    /** Average of the token vectors under the attention mask. */
    MEAN,
    /** The first ([CLS]) token's vector. */
    CLS,
    /** The last token's vector (decoders: Qwen3-Embedding, e5-mistral). */
    LASTTOKEN;

    public static Pooling parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "mean" -> MEAN;
            case "cls" -> CLS;
            case "lasttoken", "last" -> LASTTOKEN;
            default ->
                    throw new IllegalArgumentException(
                            "unknown pooling '" + s + "'; expected mean, cls or lasttoken");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
