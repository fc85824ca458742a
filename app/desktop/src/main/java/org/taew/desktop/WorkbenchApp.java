package org.taew.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import org.taew.desktop.util.FxDialogService;

/**
 * The JavaFX application. Options: {@code --dataset NAME}, {@code --model NAME|FOLDER}, {@code
 * --workspace DIR}, {@code --home DIR}, and {@code --screenshots DIR} (after the first evaluation,
 * save each tab as PNG into DIR and quit; used for the documentation).
 */
public final class WorkbenchApp extends Application {
    private static final String DEFAULT_DATASET = "helpdesk-mini";
    private static final String DEFAULT_MODEL = "e5-small-v2";

    @Override
    public void start(Stage stage) {
        List<String> raw = getParameters().getRaw();
        String dataset = option(raw, "--dataset", DEFAULT_DATASET);
        String model = option(raw, "--model", DEFAULT_MODEL);
        String shots = option(raw, "--screenshots", null);
        WorkbenchContext context;
        try {
            String ws = option(raw, "--workspace", null);
            String home = option(raw, "--home", null);
            if (home != null) {
                // one home for everything, the user's workspace of an installed image included
                WorkbenchHome.set(Path.of(home));
            }
            context =
                    new WorkbenchContext(
                            ws == null ? Workspace.locate() : Workspace.at(Path.of(ws)),
                            home == null ? WorkbenchHome.resolve() : Path.of(home));
        } catch (WorkbenchException e) {
            new FxDialogService(null).showError("Cannot start", e.getMessage(), null);
            Platform.exit();
            return;
        }
        Workbench wb = Workbench.show(stage, context, FxDialogService::new, dataset, model);
        if (shots != null) {
            screenshotsAfterFirstEvaluation(wb, Path.of(shots));
        }
    }

    private static String option(List<String> raw, String name, String fallback) {
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).equals(name) && i + 1 < raw.size()) {
                return raw.get(i + 1);
            }
            if (raw.get(i).startsWith(name + "=")) {
                return raw.get(i).substring(name.length() + 1);
            }
        }
        return fallback;
    }

    private static void screenshotsAfterFirstEvaluation(Workbench wb, Path dir) {
        ChangeListener<LiveEvaluation.Snapshot> once =
                new ChangeListener<>() {
                    @Override
                    public void changed(
                            javafx.beans.value.ObservableValue<? extends LiveEvaluation.Snapshot> o,
                            LiveEvaluation.Snapshot a,
                            LiveEvaluation.Snapshot b) {
                        if (b == null) {
                            return;
                        }
                        o.removeListener(this);
                        String[] names = {"metrics", "heatmaps", "per-query"};
                        shoot(wb, dir, names, 0);
                    }
                };
        wb.session().snapshotProperty().addListener(once);
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
