package org.taew.core.model;

import java.util.Locale;

/** How token vectors become one sentence vector. */
public enum Pooling {
    /** Average of the token vectors under the attention mask. */
    MEAN,
    /** The first ([CLS]) token's vector. */
    CLS;

    public static Pooling parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "mean" -> MEAN;
            case "cls" -> CLS;
            default ->
                    throw new IllegalArgumentException(
                            "unknown pooling '" + s + "'; expected mean or cls");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
