package org.taew.core.model;

/** Which side of a retrieval task a text is on. */
public enum Side {
    QUERY("query"),
    DOCUMENT("document");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
