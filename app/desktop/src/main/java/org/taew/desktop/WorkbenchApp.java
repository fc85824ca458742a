package org.taew.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.util.FxDialogService;

/**
 * The JavaFX application. Options ({@link DesktopArgs}): {@code --dataset NAME|FOLDER}, {@code
 * --model NAME|FOLDER}, {@code --workspace DIR}, {@code --home DIR}, and {@code --screenshots DIR}
 * (after the first evaluation, save each tab as PNG into DIR and quit; used for the documentation).
 */
public final class WorkbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        DesktopArgs args;
        WorkbenchContext context;
        try {
            args = DesktopArgs.parse(getParameters().getRaw());
        } catch (DesktopArgs.BadArgs e) {
            // the launcher checked already; this is for Application.launch with other arguments
            new FxDialogService(null).showError("Cannot start", e.getMessage(), null);
            Platform.exit();
            return;
        }
        try {
            if (args.home() != null) {
                // one home for everything, the user's workspace of an installed image included
                WorkbenchHome.set(args.home());
            }
            context =
                    new WorkbenchContext(
                            args.workspace() == null
                                    ? Workspace.locate()
                                    : Workspace.at(args.workspace()),
                            args.home() == null ? WorkbenchHome.resolve() : args.home());
        } catch (WorkbenchException e) {
            new FxDialogService(null).showError("Cannot start", e.getMessage(), null);
            Platform.exit();
            return;
        }
        Workbench wb =
                Workbench.show(stage, context, FxDialogService::new, args.dataset(), args.model());
        if (args.screenshots() != null) {
            screenshotsAfterFirstEvaluation(wb, args.screenshots());
        }
    }

    private static void screenshotsAfterFirstEvaluation(Workbench wb, Path dir) {
        Runnable[] stop = new Runnable[1];
        ChangeListener<Object> once =
                (o, a, b) -> {
                    if (b == null) {
                        return;
                    }
                    stop[0].run();
                    String[] names =
                            wb.session().stsProperty().get()
                                    ? new String[] {"sts"}
                                    : new String[] {"metrics", "heatmaps", "per-query"};
                    shoot(wb, dir, names, 0);
                };
        stop[0] =
                () -> {
                    wb.session().snapshotProperty().removeListener(once);
                    wb.session().stsSnapshotProperty().removeListener(once);
                };
        wb.session().snapshotProperty().addListener(once);
        wb.session().stsSnapshotProperty().addListener(once);
    }

    private static void shoot(Workbench wb, Path dir, String[] names, int i) {
        if (i == names.length) {
            Platform.exit();
            return;
        }
        wb.view().tabs().getSelectionModel().select(i);
        // let layout and charts settle (and the token preview arrive) before the picture
        PauseTransition p = new PauseTransition(Duration.millis(1500));
        p.setOnFinished(
                e -> {
                    try {
                        Files.createDirectories(dir);
                        wb.view().snapshot(dir.resolve("workbench-" + names[i] + ".png"));
                    } catch (Exception ex) {
                        System.err.println("Screenshot failed: " + ex.getMessage());
                    }
                    shoot(wb, dir, names, i + 1);
                });
        p.play();
    }
}
