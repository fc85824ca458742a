package org.taew.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.DialogService;

/**
 * A private copy of the shipped instructions/ and the helpdesk-mini dataset (git's version, never
 * the user's edits or drafts: see ShippedWorkspace), and a fresh home whose models/ points at the
 * shared test home's extracted models (no second extraction).
 */
public final class TestWorkspace {
    private TestWorkspace() {}

    public static WorkbenchContext create(Path dir) throws IOException {
        Path ws = dir.resolve("workspace");
        ShippedWorkspace.copy("instructions", ws.resolve("instructions"));
        ShippedWorkspace.copy("datasets/helpdesk-mini", ws.resolve("datasets/helpdesk-mini"));
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path shared = WorkbenchHome.models();
        Files.createDirectories(shared);
        Files.createSymbolicLink(home.resolve("models"), shared.toAbsolutePath());
        return new WorkbenchContext(Workspace.at(ws), home);
    }

    /**
     * The window's view models on a workspace {@link #create}d in {@code dir}, work run at once,
     * the clock standing still, with helpdesk-mini and e5-small-v2 open.
     */
    public static DesktopViewModels started(Path dir, DialogService dialogs) throws IOException {
        DesktopViewModels vms =
                DesktopViewModels.create(
                        create(dir), new DirectTaskRunner(), dialogs, Debouncer.IMMEDIATE, () -> 1);
        vms.session().start("helpdesk-mini", "e5-small-v2");
        return vms;
    }
}
