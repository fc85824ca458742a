package org.taew.core.testing;

import java.io.IOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test runs, points {@code taew.workspace} (what {@code Workspace.locate()} reads) at
 * the {@link ShippedWorkspace}, so that no test can read the working tree's instructions/ or
 * datasets/ by accident; removes that copy when the run ends. Registered through {@code
 * META-INF/services} in core's test jar, so every module whose tests use it gets it.
 */
public final class ShippedWorkspaceListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        System.setProperty("taew.workspace", ShippedWorkspace.root().toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            ShippedWorkspace.delete();
        } catch (IOException e) {
            System.err.println("Cannot remove the shipped workspace copy: " + e);
        }
    }
}
