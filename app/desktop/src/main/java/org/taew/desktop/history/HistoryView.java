package org.taew.desktop.history;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.taew.desktop.util.Controls;

/**
 * The History tab: the runs of the open dataset and model, newest first; select one to restore it
 * into the editor, two to compare them.
 */
public final class HistoryView extends BorderPane {
    public HistoryView(HistoryViewModel vm) {
        setId("history-view");
        TableView<HistoryViewModel.Row> runs = new TableView<>(vm.runs());
        runs.setId("history-runs");
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.getColumns().add(width(Controls.column("Run", HistoryViewModel.Row::id), 55));
        runs.getColumns().add(width(Controls.column("Evaluated", HistoryViewModel.Row::when), 115));
        runs.getColumns().add(width(Controls.column("×", HistoryViewModel.Row::times), 40));
        runs.getColumns().add(width(Controls.column("By", HistoryViewModel.Row::source), 80));
        runs.getColumns().add(width(Controls.column("Arm", HistoryViewModel.Row::arm), 160));
        runs.getColumns()
                .add(width(Controls.column("Query template", HistoryViewModel.Row::query), 230));
        runs.getColumns()
                .add(
                        width(
                                Controls.column(
                                        "Document template", HistoryViewModel.Row::document),
                                170));
        runs.getColumns()
                .add(width(Controls.column("Score", HistoryViewModel.Row::scoreText), 130));
        runs.setPlaceholder(new Label("No runs recorded for this dataset and model yet"));

        Button restore = new Button("Restore into the editor");
        restore.setId("history-restore");
        restore.disableProperty()
                .bind(Bindings.size(runs.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        restore.setOnAction(e -> vm.restore(runs.getSelectionModel().getSelectedItem().id()));
        Button compare = new Button("Compare the two selected");
        compare.setId("history-compare");
        compare.disableProperty()
                .bind(Bindings.size(runs.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(
                e -> {
                    List<HistoryViewModel.Row> two =
                            List.copyOf(runs.getSelectionModel().getSelectedItems());
                    // the older run is A
                    long a = Math.min(two.get(0).id(), two.get(1).id());
                    long b = Math.max(two.get(0).id(), two.get(1).id());
                    vm.compare(a, b);
                });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setStyle("-fx-text-fill: #555;");
        HBox bar = new HBox(6, restore, compare, refresh, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 6, 0));

        TableView<HistoryViewModel.CompareRow> table = new TableView<>(vm.comparison());
        table.setId("history-comparison");
        table.getColumns().add(Controls.column("Measure", HistoryViewModel.CompareRow::measure));
        table.getColumns()
                .add(Controls.column("A", r -> String.format(Locale.ROOT, "%.4f", r.a())));
        table.getColumns()
                .add(Controls.column("B", r -> String.format(Locale.ROOT, "%.4f", r.b())));
        TableColumn<HistoryViewModel.CompareRow, HistoryViewModel.CompareRow> delta =
                Controls.deltaColumn(
                        HistoryViewModel.CompareRow::delta,
                        HistoryViewModel.CompareRow::deltaText,
                        HistoryViewModel.CompareRow::significant);
        delta.setText("B − A");
        table.getColumns().add(delta);
        table.getColumns().add(Controls.column("95% CI", HistoryViewModel.CompareRow::ci));
        table.getColumns().add(Controls.column("p", HistoryViewModel.CompareRow::p));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Select two runs and compare them"));
        Label compared = new Label();
        compared.setId("history-compared");
        compared.textProperty().bind(vm.comparedProperty());
        compared.setWrapText(true);
        VBox bottom = new VBox(4, compared, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane split = new SplitPane(runs, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setTop(bar);
        setCenter(split);
        setPadding(new Insets(0, 6, 6, 6));
    }

    private static <R, T> TableColumn<R, T> width(TableColumn<R, T> c, double w) {
        c.setPrefWidth(w);
        return c;
    }
}
