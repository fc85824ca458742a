package org.taew.core.util;

/** The workbench's own version, as its jar's manifest says. */
public final class Versions {
    /** What a build from classes (tests, an IDE) reports. */
    public static final String DEVELOPMENT = "development build";

    private Versions() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}, or {@link #DEVELOPMENT} outside a jar. */
    public static String workbench() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? DEVELOPMENT : v;
    }
}
