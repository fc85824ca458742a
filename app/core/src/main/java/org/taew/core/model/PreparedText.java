package org.taew.core.model;

/**
 * A text ready for the encoder: the template applied. {@code pooledOutPrefix} is the leading part
 * whose tokens are excluded from mean pooling (empty when nothing is excluded).
 */
public record PreparedText(String text, String pooledOutPrefix) {
    public static PreparedText plain(String text) {
        return new PreparedText(text, "");
    }
}
