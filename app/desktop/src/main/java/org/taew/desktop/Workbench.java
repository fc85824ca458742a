package org.taew.desktop;

import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.ErrorMessages;
import org.taew.desktop.util.FxDebouncer;
import org.taew.desktop.util.FxTaskRunner;

/** Builds the main window on a stage: used by the application and by the TestFX tests. */
public final class Workbench {
    /** Pause after the last keystroke before evaluating or autosaving. */
    public static final Duration DEBOUNCE = Duration.millis(300);

    private final DesktopViewModels vms;
    private final MainView view;
    private final FxTaskRunner runner;
    private final Stage stage;
    private boolean closed;

    private Workbench(Stage stage, DesktopViewModels vms, MainView view, FxTaskRunner runner) {
        this.stage = stage;
        this.vms = vms;
        this.view = view;
        this.runner = runner;
    }

    public SessionViewModel session() {
        return vms.session();
    }

    /** Every view model of the window. */
    public DesktopViewModels viewModels() {
        return vms;
    }

    public MainView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Shows the workbench on {@code stage} and starts opening {@code dataset} with {@code model}
     * (null: the first of each).
     */
    public static Workbench show(
            Stage stage,
            WorkbenchContext context,
            Function<Window, DialogService> dialogs,
            String dataset,
            String model) {
        // a stage that showed a workbench before (tests reuse one) gives its session up first
        if (stage.getProperties().get(Workbench.class) instanceof Workbench previous) {
            previous.close();
        }
        stage.titleProperty().unbind();
        FxTaskRunner runner = new FxTaskRunner();
        DialogService d = dialogs.apply(stage);
        DesktopViewModels vms =
                DesktopViewModels.create(
                        context, runner, d, new FxDebouncer(DEBOUNCE), System::nanoTime);
        SessionViewModel session = vms.session();
        MainView view = new MainView(vms, d);
        Scene scene = new Scene(view, 1440, 900);
        stage.setScene(scene);
        stage.titleProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        (session.editor().dirtyProperty().get() ? "● " : "")
                                                + "Task-Aware Embedding Workbench",
                                session.editor().dirtyProperty()));
        Workbench wb = new Workbench(stage, vms, view, runner);
        stage.getProperties().put(Workbench.class, wb);
        stage.setOnHidden(e -> wb.close());
        Thread.setDefaultUncaughtExceptionHandler(
                (t, e) ->
                        Platform.runLater(
                                () -> {
                                    if (stage.isShowing()) {
                                        d.showError(
                                                "Unexpected error", ErrorMessages.message(e), e);
                                    } else {
                                        // the window is closed: a dialog now would keep the
                                        // application from exiting
                                        System.err.println(
                                                "Unexpected error after closing: "
                                                        + ErrorMessages.message(e));
                                    }
                                }));
        if (stage.getIcons().isEmpty()) {
            var icon = Workbench.class.getResource("taew.png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        stage.show();
        session.start(dataset, model);
        return wb;
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vms.session().close();
        runner.close();
    }
}
