package org.taew.desktop;

import java.util.List;
import javafx.application.Application;
import org.taew.core.util.Installation;
import org.taew.core.util.WorkbenchHome;

/**
 * Entry point. A main class that is not an {@link Application} lets the JavaFX jars sit on the
 * class path (DJL, ONNX Runtime and JFreeChart are not modules).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            DesktopArgs.parse(List.of(args));
        } catch (DesktopArgs.BadArgs e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        Installation.configureDjl(WorkbenchHome.resolve());
        Application.launch(WorkbenchApp.class, args);
    }
}
