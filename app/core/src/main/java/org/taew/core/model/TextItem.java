package org.taew.core.model;

import java.util.Objects;

/**
 * A query or a document: an id and the text to embed (for BEIR documents, {@code title + " " +
 * text}).
 */
public record TextItem(String id, String text) {
    public TextItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
