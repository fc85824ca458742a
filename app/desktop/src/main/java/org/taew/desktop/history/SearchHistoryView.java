package org.taew.desktop.history;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.taew.desktop.util.Controls;

/**
 * The History tab's instruction searches: the searches of the open dataset and model, and the
 * selected one's trace, any wording of which goes into the editor.
 */
final class SearchHistoryView extends BorderPane {
    SearchHistoryView(SearchHistoryViewModel vm) {
        setId("search-history-view");
        TableView<SearchHistoryViewModel.Row> list = new TableView<>(vm.searches());
        list.setId("search-history-list");
        list.getColumns()
                .add(Controls.width(Controls.column("Search", SearchHistoryViewModel.Row::id), 60));
        list.getColumns()
                .add(
                        Controls.width(
                                Controls.column("When", SearchHistoryViewModel.Row::when), 115));
        list.getColumns()
                .add(
                        Controls.width(
                                Controls.column(
                                        "Experiment", SearchHistoryViewModel.Row::experiment),
                                150));
        list.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Wordings", SearchHistoryViewModel.Row::wordings),
                                75));
        list.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Evaluations", SearchHistoryViewModel.Row::scored),
                                95));
        list.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Seconds", SearchHistoryViewModel.Row::seconds),
                                70));
        list.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Chosen", SearchHistoryViewModel.Row::chosen),
                                260));
        list.setPlaceholder(
                new Label("No searches yet: Suggest wordings on the Experiments tab runs one"));
        list.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, b) -> vm.select(b == null ? 0 : b.id()));

        TableView<SearchHistoryViewModel.StepRow> steps = new TableView<>(vm.steps());
        steps.setId("search-history-steps");
        steps.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Search", SearchHistoryViewModel.StepRow::search),
                                65));
        steps.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Round", SearchHistoryViewModel.StepRow::round),
                                55));
        steps.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Wording", SearchHistoryViewModel.StepRow::wording),
                                190));
        steps.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Origin", SearchHistoryViewModel.StepRow::origin),
                                230));
        steps.getColumns()
                .add(
                        Controls.width(
                                Controls.column("Queries", SearchHistoryViewModel.StepRow::queries),
                                62));
        TableColumn<SearchHistoryViewModel.StepRow, String> score =
                Controls.width(Controls.column("Score", SearchHistoryViewModel.StepRow::score), 80);
        score.textProperty().bind(vm.measureProperty());
        steps.getColumns().add(score);
        steps.getColumns()
                .add(
                        Controls.width(
                                Controls.column("", SearchHistoryViewModel.StepRow::wentOnText),
                                65));
        steps.getColumns()
                .add(
                        Controls.width(
                                Controls.column(
                                        "Query template", SearchHistoryViewModel.StepRow::query),
                                320));
        steps.setPlaceholder(new Label("Select a search: every wording it scored, round by round"));

        Button use = new Button("Use in the editor");
        use.setId("search-history-use");
        use.disableProperty().bind(steps.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(e -> vm.use(steps.getSelectionModel().getSelectedItem()));
        Controls.unsqueezed(use);
        Label summary = new Label();
        summary.setId("search-history-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setMinHeight(Label.USE_PREF_SIZE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox detailBar = new HBox(8, use, summary);
        detailBar.setAlignment(Pos.CENTER_LEFT);
        detailBar.visibleProperty().bind(Bindings.isNotEmpty(vm.steps()));
        VBox details = new VBox(4, detailBar, steps);
        VBox.setVgrow(steps, Priority.ALWAYS);

        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setStyle("-fx-text-fill: #555;");
        status.setPadding(new Insets(6, 0, 6, 0));
        SplitPane split = new SplitPane(list, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.32);
        setTop(status);
        setCenter(split);
    }
}
