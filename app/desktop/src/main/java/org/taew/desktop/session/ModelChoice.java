package org.taew.desktop.session;

/** A model the user can pick: a bundled model by name, or a folder. */
public record ModelChoice(String label, String nameOrPath) {
    @Override
    public String toString() {
        return label;
    }
}
