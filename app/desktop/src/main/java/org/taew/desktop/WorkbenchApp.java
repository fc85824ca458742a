package org.taew.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.model.Arm;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;
import org.taew.desktop.session.DeviceChoice;
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

    /**
     * A screenshot: the tab to show and what to do first ({@code ready} runs when the tab has what
     * it should show).
     */
    private record Shot(String name, int tab, BiConsumer<Workbench, Runnable> prepare) {}

    /** Nothing to prepare. */
    private static void nothing(Workbench wb, Runnable ready) {
        ready.run();
    }

    private static void screenshotsAfterFirstEvaluation(Workbench wb, Path dir) {
        Runnable[] stop = new Runnable[1];
        ChangeListener<Object> once =
                (o, a, b) -> {
                    if (b == null) {
                        return;
                    }
                    stop[0].run();
                    List<Shot> shots =
                            wb.session().stsProperty().get()
                                    ? List.of(new Shot("sts", 0, WorkbenchApp::nothing))
                                    : List.of(
                                            new Shot("metrics", 0, WorkbenchApp::nothing),
                                            new Shot("heatmaps", 1, WorkbenchApp::nothing),
                                            new Shot("map", 2, WorkbenchApp::selectAQuery),
                                            new Shot("per-query", 3, WorkbenchApp::nothing),
                                            new Shot(
                                                    "per-query-bm25-hybrid",
                                                    3,
                                                    WorkbenchApp::bm25AndHybrid),
                                            new Shot("experiments", 4, WorkbenchApp::runExperiment),
                                            new Shot("map-variant", 2, WorkbenchApp::mapToAVariant),
                                            new Shot("history", 5, WorkbenchApp::compareTwoRuns),
                                            new Shot(
                                                    "experiments-suggest",
                                                    4,
                                                    WorkbenchApp::suggestWordings),
                                            new Shot(
                                                    "history-searches",
                                                    5,
                                                    WorkbenchApp::showSearches),
                                            new Shot("int8-draft", 0, WorkbenchApp::int8Draft));
                    shoot(wb, dir, shots, 0);
                };
        stop[0] =
                () -> {
                    wb.session().snapshotProperty().removeListener(once);
                    wb.session().stsSnapshotProperty().removeListener(once);
                };
        wb.session().snapshotProperty().addListener(once);
        wb.session().stsSnapshotProperty().addListener(once);
    }

    /** Marks one query on the map: its arrow, relevant documents and top 10. */
    private static void selectAQuery(Workbench wb, Runnable ready) {
        wb.view().tabs().getSelectionModel().select(2); // shown, the map is computed
        var map = wb.viewModels().map();
        if (map.mapProperty().get() != null) {
            // opens the query in Per query; the screenshot shows the map again
            map.select(Math.min(4, map.mapProperty().get().queries().size() - 1));
        }
        ready.run();
    }

    /** Sets BM25 beside the hybrid on the Per query tab, when the session has them. */
    private static void bm25AndHybrid(Workbench wb, Runnable ready) {
        var vm = wb.viewModels().perQuery();
        if (vm.arms().containsAll(List.of(Arm.BM25, Arm.HYBRID))) {
            vm.leftProperty().set(Arm.BM25);
            vm.rightProperty().set(Arm.HYBRID);
        }
        ready.run();
    }

    /** Re-opens the session with the model's int8 weights and waits for the draft's numbers. */
    private static void int8Draft(Workbench wb, Runnable ready) {
        var session = wb.session();
        if (!session.devices().contains(DeviceChoice.CPU_INT8)) {
            ready.run();
            return;
        }
        session.snapshotProperty()
                .addListener(
                        new ChangeListener<Object>() {
                            @Override
                            public void changed(ObservableValue<?> o, Object a, Object b) {
                                if (b != null && !session.draftProperty().get().isEmpty()) {
                                    session.snapshotProperty().removeListener(this);
                                    ready.run();
                                }
                            }
                        });
        session.selectedDeviceProperty().set(DeviceChoice.CPU_INT8);
    }

    /** Proposes and searches wordings on the Experiments tab, and waits for the search's result. */
    private static void suggestWordings(Workbench wb, Runnable ready) {
        var vm = wb.view().experiments();
        vm.resultProperty()
                .addListener(
                        new ChangeListener<ExperimentResult>() {
                            @Override
                            public void changed(
                                    ObservableValue<? extends ExperimentResult> o,
                                    ExperimentResult a,
                                    ExperimentResult b) {
                                if (b != null && b.results().get(0).search() != null) {
                                    vm.resultProperty().removeListener(this);
                                    ready.run();
                                }
                            }
                        });
        wb.viewModels().suggestions().suggest();
    }

    /** Opens the History tab's instruction searches and selects the newest (Suggest's). */
    private static void showSearches(Workbench wb, Runnable ready) {
        wb.view().tabs().getSelectionModel().select(5);
        Platform.runLater(
                () -> {
                    if (wb.view().lookup("#history-inner-tabs") instanceof TabPane inner) {
                        inner.getSelectionModel().select(1);
                    }
                    Platform.runLater(
                            () -> {
                                if (wb.view().lookup("#search-history-list")
                                                instanceof TableView<?> list
                                        && !list.getItems().isEmpty()) {
                                    list.getSelectionModel().select(0);
                                }
                                ready.run();
                            });
                });
    }

    /** Runs the dataset's experiment (the variants the tab loaded) and waits for its result. */
    private static void runExperiment(Workbench wb, Runnable ready) {
        var vm = wb.view().experiments();
        if (vm.variants().isEmpty()) {
            ready.run(); // the dataset's experiment has no variants for this model's family
            return;
        }
        vm.resultProperty()
                .addListener(
                        new ChangeListener<Object>() {
                            @Override
                            public void changed(ObservableValue<?> o, Object a, Object b) {
                                if (b != null) {
                                    vm.resultProperty().removeListener(this);
                                    ready.run();
                                }
                            }
                        });
        vm.run();
    }

    /**
     * Draws the map from general mode to the experiment's best variant whose query template is not
     * the editor's (task-aware mode's), once it is encoded.
     */
    private static void mapToAVariant(Workbench wb, Runnable ready) {
        var map = wb.viewModels().map();
        var result = wb.view().experiments().resultProperty().get();
        String editors = wb.session().editor().form().queryTemplateProperty().get();
        var variant =
                map.ends().stream()
                        .filter(
                                e ->
                                        e.isVariant()
                                                && !result.results()
                                                        .get(0)
                                                        .variant(e.name())
                                                        .instructions()
                                                        .query()
                                                        .standalone()
                                                        .equals(editors))
                        .findFirst();
        if (variant.isEmpty()) {
            ready.run();
            return;
        }
        wb.view().tabs().getSelectionModel().select(2);
        map.descriptionProperty()
                .addListener(
                        new ChangeListener<String>() {
                            @Override
                            public void changed(
                                    ObservableValue<? extends String> o, String a, String b) {
                                var m = map.mapProperty().get();
                                boolean drawn =
                                        m != null && m.toName().equals(variant.get().name());
                                if (drawn || b.contains(" not drawn")) {
                                    map.descriptionProperty().removeListener(this);
                                    ready.run();
                                }
                            }
                        });
        map.toProperty().set(variant.get());
    }

    /** Compares the two oldest runs of the history (general and task-aware mode). */
    private static void compareTwoRuns(Workbench wb, Runnable ready) {
        var vm = wb.view().history();
        vm.comparison()
                .addListener(
                        new ListChangeListener<Object>() {
                            @Override
                            public void onChanged(Change<?> c) {
                                vm.comparison().removeListener(this);
                                if (!vm.queries().isEmpty()) {
                                    vm.showQuery(vm.queries().get(0).queryId());
                                }
                                ready.run();
                            }
                        });
        var runs = vm.runs();
        if (runs.size() < 2) {
            ready.run();
            return;
        }
        vm.compare(runs.get(runs.size() - 1).id(), runs.get(runs.size() - 2).id());
    }

    private static void shoot(Workbench wb, Path dir, List<Shot> shots, int i) {
        if (i == shots.size()) {
            Platform.exit();
            return;
        }
        Shot shot = shots.get(i);
        shot.prepare()
                .accept(
                        wb,
                        () -> {
                            wb.view().tabs().getSelectionModel().select(shot.tab());
                            // let layout and charts settle (and the token preview arrive)
                            PauseTransition p = new PauseTransition(Duration.millis(1500));
                            p.setOnFinished(
                                    e -> {
                                        try {
                                            Files.createDirectories(dir);
                                            wb.view()
                                                    .snapshot(
                                                            dir.resolve(
                                                                    "workbench-"
                                                                            + shot.name()
                                                                            + ".png"));
                                        } catch (Exception ex) {
                                            System.err.println(
                                                    "Screenshot failed: " + ex.getMessage());
                                        }
                                        shoot(wb, dir, shots, i + 1);
                                    });
                            p.play();
                        });
    }
}
