package org.taew.desktop.history;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.desktop.util.Controls;
import org.taew.desktop.util.DialogService;

/**
 * The History tab: the runs of the open dataset and model, newest first; select one to restore it
 * into the editor, two to compare them. Beside them, the instruction searches of that dataset and
 * model with their traces.
 */
public final class HistoryView extends BorderPane {
    public HistoryView(
            HistoryViewModel vm, SearchHistoryViewModel searches, DialogService dialogs) {
        setId("history-view");
        TableView<HistoryViewModel.Row> runs = new TableView<>(vm.runs());
        runs.setId("history-runs");
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.getColumns().add(Controls.width(Controls.column("Run", HistoryViewModel.Row::id), 55));
        runs.getColumns()
                .add(Controls.width(Controls.column("Evaluated", HistoryViewModel.Row::when), 115));
        runs.getColumns()
                .add(Controls.width(Controls.column("×", HistoryViewModel.Row::times), 40));
        runs.getColumns()
                .add(Controls.width(Controls.column("By", HistoryViewModel.Row::source), 80));
        runs.getColumns()
                .add(Controls.width(Controls.column("Arm", HistoryViewModel.Row::arm), 160));
        runs.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Query template", HistoryViewModel.Row::query),
                                230));
        runs.getColumns()
                .add(
                        Controls.width(
                                Controls.column(
                                        "Document template", HistoryViewModel.Row::document),
                                170));
        runs.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Score", HistoryViewModel.Row::scoreText), 130));
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
        Button export = new Button("Export CSV…");
        export.setId("history-export");
        export.disableProperty().bind(Bindings.isEmpty(vm.runs()));
        export.setOnAction(
                e ->
                        dialogs.chooseSaveFile("Export the runs as CSV", null, "runs.csv", "csv")
                                .ifPresent(vm::exportCsv));
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setStyle("-fx-text-fill: #555;");
        // the buttons keep their words; the status line gives way
        for (Button b : List.of(restore, compare, refresh, export)) {
            Controls.unsqueezed(b);
        }
        status.setMinWidth(0);
        HBox bar = new HBox(6, restore, compare, refresh, export, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 6, 0));

        TableView<ModeComparison.MetricDelta> table = new TableView<>(vm.comparison());
        table.setId("history-comparison");
        table.getColumns().add(Controls.column("Measure", ModeComparison.MetricDelta::label));
        addPairColumns(
                table,
                ModeComparison.MetricDelta::general,
                ModeComparison.MetricDelta::taskAware,
                Controls.deltaColumn(
                        ModeComparison.MetricDelta::delta,
                        ModeComparison.MetricDelta::deltaText,
                        ModeComparison.MetricDelta::ciExcludesZero));
        table.getColumns()
                .add(
                        Controls.width(
                                Controls.column("95% CI", ModeComparison.MetricDelta::ciText),
                                140));
        table.getColumns().add(Controls.column("p", ModeComparison.MetricDelta::pText));
        double[] widths = {90, 58, 58, 66, 142, 46};
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        table.setPlaceholder(new Label("Select two runs and compare them"));
        Label compared = new Label();
        compared.setId("history-compared");
        compared.textProperty().bind(vm.comparedProperty());
        compared.setWrapText(true);
        TableView<HistoryViewModel.QueryRow> perQuery = new TableView<>(vm.queries());
        perQuery.setId("history-queries");
        perQuery.getColumns().add(Controls.column("Query", HistoryViewModel.QueryRow::queryId));
        addPairColumns(
                perQuery,
                HistoryViewModel.QueryRow::a,
                HistoryViewModel.QueryRow::b,
                Controls.deltaColumn(
                        HistoryViewModel.QueryRow::delta,
                        HistoryViewModel.QueryRow::deltaText,
                        r -> false));
        double[] queryWidths = {62, 58, 58, 66};
        for (int i = 0; i < queryWidths.length; i++) {
            perQuery.getColumns().get(i).setPrefWidth(queryWidths[i]);
        }
        perQuery.setPlaceholder(new Label("Per query, on the main measure"));
        perQuery.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, b) -> vm.showQuery(b == null ? null : b.queryId()));

        TableView<HistoryViewModel.MoveRow> moved = new TableView<>(vm.movement());
        moved.setId("history-movement");
        moved.getColumns().add(Controls.column("Document", HistoryViewModel.MoveRow::docId));
        moved.getColumns().add(Controls.column("In A", HistoryViewModel.MoveRow::rankA));
        moved.getColumns().add(Controls.column("In B", HistoryViewModel.MoveRow::rankB));
        moved.getColumns().add(Controls.column("Moved", HistoryViewModel.MoveRow::change));
        moved.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        moved.setPlaceholder(new Label("Select a query: how its top 10 moved"));

        SplitPane details = new SplitPane(table, perQuery, moved);
        details.setDividerPositions(0.48, 0.74);
        VBox bottom = new VBox(4, compared, details);
        VBox.setVgrow(details, Priority.ALWAYS);

        SplitPane split = new SplitPane(runs, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.48);
        BorderPane runsPane = new BorderPane(split);
        runsPane.setTop(bar);
        Tab runsTab = new Tab("Runs", runsPane);
        Tab searchesTab = new Tab("Instruction searches", new SearchHistoryView(searches));
        searchesTab.setId("history-searches-tab");
        TabPane inner = new TabPane(runsTab, searchesTab);
        inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        inner.setId("history-inner-tabs");
        setCenter(inner);
        setPadding(new Insets(0, 6, 6, 6));
    }

    /** Run A's value, run B's value and B − A, the columns every comparison table here shows. */
    private static <R> void addPairColumns(
            TableView<R> table,
            ToDoubleFunction<R> a,
            ToDoubleFunction<R> b,
            TableColumn<R, R> delta) {
        table.getColumns()
                .add(
                        Controls.column(
                                "A", r -> String.format(Locale.ROOT, "%.4f", a.applyAsDouble(r))));
        table.getColumns()
                .add(
                        Controls.column(
                                "B", r -> String.format(Locale.ROOT, "%.4f", b.applyAsDouble(r))));
        delta.setText("B − A");
        table.getColumns().add(delta);
    }
}
