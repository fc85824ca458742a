package org.taew.desktop.util;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** Small pieces the views share. */
public final class Controls {
    private Controls() {}

    /** A control that keeps its preferred width when its row runs short of space. */
    public static <T extends Region> T unsqueezed(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    /** A label that is never cut to "…". */
    public static Label fixedLabel(String text) {
        return unsqueezed(new Label(text));
    }

    /** Text colour of a task-aware − general delta: green above zero, red below, plain at zero. */
    public static String deltaStyle(double delta) {
        return delta > 0 ? "-fx-text-fill: #1b7f3a;" : delta < 0 ? "-fx-text-fill: #b02a2a;" : "";
    }
}
