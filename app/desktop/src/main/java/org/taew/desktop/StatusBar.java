package org.taew.desktop;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.session.WorkStatus;
import org.taew.desktop.util.Controls;

/**
 * The status bar: progress and Cancel of the window's work, what it is doing, how the last update
 * went, the engines, and on a line of its own where the task-aware templates come from.
 */
final class StatusBar extends VBox {
    StatusBar(WorkStatus work, SessionViewModel session) {
        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(180);
        bar.progressProperty().bind(work.progress().fractionProperty());
        bar.visibleProperty().bind(work.busyProperty());
        Label progress = new Label();
        progress.textProperty().bind(work.progress().textProperty());
        progress.setId("progress-text");
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setOnAction(e -> work.cancel());
        cancel.disableProperty().bind(work.busyProperty().not());
        Label status = new Label();
        status.textProperty().bind(work.statusProperty());
        status.setId("status");
        // a status is shown whole up to 420 px, a longer one cut with an ellipsis (the whole in its
        // tooltip): it never widens the window
        status.textProperty()
                .addListener((o, a, b) -> status.setMinWidth(Math.min(420, width(status, b))));
        Tooltip statusWhole = new Tooltip();
        statusWhole.textProperty().bind(work.statusProperty());
        status.setTooltip(statusWhole);
        Label update = new Label();
        update.textProperty().bind(session.lastUpdateProperty());
        update.setId("last-update");
        Label templates = new Label();
        templates.textProperty().bind(session.editor().templateSourceBriefProperty());
        templates.setId("template-source");
        templates.setMinWidth(0);
        templates.setStyle("-fx-text-fill: #333;");
        Tooltip templatesWhole = new Tooltip();
        templatesWhole.textProperty().bind(session.editor().templateSourceProperty());
        templates.setTooltip(templatesWhole);
        Label engine = new Label();
        engine.textProperty().bind(session.engineProperty());
        engine.setStyle("-fx-text-fill: #555;");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        for (Control c : List.of(cancel, engine)) {
            Controls.unsqueezed(c);
        }
        update.setMinWidth(0);
        HBox.setHgrow(update, Priority.SOMETIMES);
        HBox box = new HBox(10, bar, progress, cancel, status, update, grow, engine);
        box.setAlignment(Pos.CENTER_LEFT);
        // where the task-aware templates come from: a line of its own, so it is never cut short
        setSpacing(2);
        getChildren().addAll(box, templates);
        setPadding(new Insets(4, 8, 4, 8));
        setStyle("-fx-border-color: #ccc transparent transparent transparent;");
    }

    /** The width {@code text} takes in the label's font, with its padding. */
    private static double width(Label label, String text) {
        Text t = new Text(text == null ? "" : text);
        t.setFont(label.getFont());
        return Math.ceil(t.getLayoutBounds().getWidth())
                + label.getPadding().getLeft()
                + label.getPadding().getRight()
                + 2;
    }
}
