package org.taew.desktop.experiments;

import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.logic.metrics.Significance;
import org.taew.desktop.util.ChartPane;
import org.taew.desktop.util.Controls;
import org.taew.desktop.util.DialogService;
import org.taew.report.charts.ForestChart;

/**
 * The Experiments tab: the variants (editable in place), Run, the leaderboard with "use this
 * variant", the forest plot and the summary of sensitivity and selection.
 */
public final class ExperimentsView extends BorderPane {
    private final ChartPane forest = new ChartPane();

    /**
     * @param useInProduction what a leaderboard row's "Use in production…" does with the variant's
     *     name
     * @param suggest what Suggest wordings does
     */
    public ExperimentsView(
            ExperimentsViewModel vm,
            DialogService dialogs,
            Path folder,
            Consumer<String> useInProduction,
            Runnable suggest) {
        setId("experiments-view");
        TableView<ExperimentsViewModel.VariantRow> variants = variantsTable(vm);

        Button add = new Button("Add editor's draft");
        add.setId("experiment-add");
        add.setOnAction(e -> vm.addDraft());
        Button duplicate = new Button("Duplicate");
        duplicate.setOnAction(e -> vm.duplicate(variants.getSelectionModel().getSelectedIndex()));
        Button remove = new Button("Remove");
        remove.setOnAction(e -> vm.remove(variants.getSelectionModel().getSelectedIndex()));
        duplicate
                .disableProperty()
                .bind(variants.getSelectionModel().selectedItemProperty().isNull());
        remove.disableProperty().bind(duplicate.disableProperty());
        Button importFile = new Button("Import…");
        importFile.setOnAction(
                e ->
                        dialogs.chooseOpenFile(
                                        "Import variants from an experiment file",
                                        folder,
                                        "yaml",
                                        "yml")
                                .ifPresent(vm::importFile));
        Button exportFile = new Button("Export…");
        exportFile.setOnAction(
                e ->
                        dialogs.chooseSaveFile(
                                        "Export the variants as an experiment file",
                                        folder,
                                        "experiment.yaml",
                                        "yaml")
                                .ifPresent(vm::exportFile));
        ComboBox<ExperimentSpec.Baseline> baseline =
                new ComboBox<>(FXCollections.observableArrayList(ExperimentSpec.Baseline.values()));
        baseline.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(ExperimentSpec.Baseline b) {
                        return b == null
                                ? ""
                                : switch (b) {
                                    case GENERAL -> "general mode";
                                    case CARD -> "the card's default";
                                    case BM25 -> "BM25";
                                };
                    }

                    @Override
                    public ExperimentSpec.Baseline fromString(String s) {
                        return null;
                    }
                });
        baseline.valueProperty().bindBidirectional(vm.baselineProperty());
        baseline.setTooltip(
                new Tooltip(
                        "What every Δ and p is against: general mode (no instruction) or the"
                                + " instruction file's saved templates (the card)."));
        Button run = new Button("Run experiment");
        run.setId("experiment-run");
        run.setDefaultButton(false);
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(Bindings.isEmpty(vm.variants()));
        Button suggestButton = new Button("Suggest wordings");
        suggestButton.setId("experiment-suggest");
        suggestButton.setOnAction(e -> suggest.run());
        suggestButton.setTooltip(
                new Tooltip(
                        "Propose wordings in this model's documented format (a grammar, the"
                                + " dataset's terms, edits of the editor's draft, the list's"
                                + " variants), search them within a budget and judge the choice on"
                                + " queries the search never saw."));
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setStyle("-fx-text-fill: #555;");
        for (Button b :
                new Button[] {add, duplicate, remove, importFile, exportFile, run, suggestButton}) {
            Controls.unsqueezed(b);
        }
        Controls.unsqueezed(baseline);
        message.setMinWidth(0);
        HBox bar =
                new HBox(
                        6,
                        add,
                        duplicate,
                        remove,
                        importFile,
                        exportFile,
                        new Separator(Orientation.VERTICAL),
                        Controls.fixedLabel("Baseline"),
                        baseline,
                        run,
                        suggestButton,
                        message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));

        TableView<LeaderRow> board = leaderboard(vm);
        Button use = new Button("Use this variant in the editor");
        use.setId("experiment-use");
        use.disableProperty().bind(board.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(e -> vm.use(board.getSelectionModel().getSelectedItem().name()));
        MenuItem production = new MenuItem("Use in production…");
        production.setOnAction(
                e -> useInProduction.accept(board.getSelectionModel().getSelectedItem().name()));
        production.disableProperty().bind(use.disableProperty());
        board.setContextMenu(new ContextMenu(production));
        Label boardTitle = new Label("Leaderboard (best first)");
        boardTitle.setStyle("-fx-font-weight: bold;");
        Label note =
                new Label(
                        "* differs from the baseline after Holm's adjustment ("
                                + Significance.BELOW_ALPHA
                                + ")");
        note.setStyle("-fx-font-size: 11px; -fx-text-fill: #555;");
        HBox under = new HBox(10, use, note);
        under.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(4, boardTitle, board, under);
        VBox.setVgrow(board, Priority.ALWAYS);

        forest.setId("experiment-forest");
        forest.activeProperty().bind(visibleProperty());
        vm.leaderboard().addListener((ListChangeListener<LeaderRow>) c -> draw(vm));
        SplitPane results = new SplitPane(left, forest);
        results.setDividerPositions(0.7);

        Label variantsTitle = new Label("Variants (double-click a cell to edit)");
        variantsTitle.setStyle("-fx-font-weight: bold;");
        VBox top = new VBox(4, variantsTitle, variants);
        VBox.setVgrow(variants, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, results);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.32);

        Label summary = new Label();
        summary.setId("experiment-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setPadding(new Insets(6));

        setTop(bar);
        setCenter(split);
        setBottom(summary);
        setPadding(new Insets(0, 6, 0, 6));
    }

    private void draw(ExperimentsViewModel vm) {
        if (vm.leaderboard().isEmpty() || vm.resultProperty().get() == null) {
            forest.setChart(null);
            return;
        }
        forest.setChart(
                ForestChart.create(
                        ForestChart.dataset(
                                vm.leaderboard().stream().map(LeaderRow::forest).toList()),
                        vm.leaderboard().stream().map(LeaderRow::name).toList(),
                        vm.resultProperty().get().spec().measure().label()));
    }

    public JFreeChart chart() {
        return forest.getChart();
    }

    private static TableView<ExperimentsViewModel.VariantRow> variantsTable(
            ExperimentsViewModel vm) {
        TableView<ExperimentsViewModel.VariantRow> t = new TableView<>(vm.variants());
        t.setId("experiment-variants");
        t.setEditable(true);
        t.getColumns()
                .add(
                        textColumn(
                                vm,
                                "Name",
                                ExperimentsViewModel.VariantRow::name,
                                (r, v) ->
                                        new ExperimentsViewModel.VariantRow(
                                                v, r.query(), r.document(), r.exclude()),
                                140));
        t.getColumns()
                .add(
                        textColumn(
                                vm,
                                "Query template",
                                ExperimentsViewModel.VariantRow::query,
                                (r, v) ->
                                        new ExperimentsViewModel.VariantRow(
                                                r.name(), v, r.document(), r.exclude()),
                                420));
        t.getColumns()
                .add(
                        textColumn(
                                vm,
                                "Document template",
                                ExperimentsViewModel.VariantRow::document,
                                (r, v) ->
                                        new ExperimentsViewModel.VariantRow(
                                                r.name(), r.query(), v, r.exclude()),
                                260));
        TableColumn<ExperimentsViewModel.VariantRow, Boolean> exclude =
                new TableColumn<>("Instruction out of pooling");
        exclude.setCellValueFactory(
                c -> {
                    SimpleBooleanProperty p = new SimpleBooleanProperty(c.getValue().exclude());
                    int i = t.getItems().indexOf(c.getValue());
                    p.addListener(
                            (o, a, b) -> {
                                ExperimentsViewModel.VariantRow r = c.getValue();
                                vm.update(
                                        i,
                                        new ExperimentsViewModel.VariantRow(
                                                r.name(), r.query(), r.document(), b));
                            });
                    return p;
                });
        exclude.setCellFactory(CheckBoxTableCell.forTableColumn(exclude));
        exclude.setEditable(true);
        exclude.setPrefWidth(170);
        t.getColumns().add(exclude);
        t.setPlaceholder(
                new Label("No variants: add the editor's draft or import an experiment file"));
        return t;
    }

    /** A column edited in place; an invalid value is refused (the message says why). */
    private static TableColumn<ExperimentsViewModel.VariantRow, String> textColumn(
            ExperimentsViewModel vm,
            String title,
            Function<ExperimentsViewModel.VariantRow, String> get,
            BiFunction<ExperimentsViewModel.VariantRow, String, ExperimentsViewModel.VariantRow>
                    with,
            double width) {
        TableColumn<ExperimentsViewModel.VariantRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new SimpleStringProperty(get.apply(v.getValue())));
        c.setCellFactory(TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(
                e -> {
                    int i = e.getTablePosition().getRow();
                    if (!vm.update(i, with.apply(e.getRowValue(), e.getNewValue()))) {
                        e.getTableView().refresh();
                    }
                });
        c.setPrefWidth(width);
        return c;
    }

    private static TableView<LeaderRow> leaderboard(ExperimentsViewModel vm) {
        TableView<LeaderRow> t = new TableView<>(vm.leaderboard());
        t.setId("experiment-leaderboard");
        t.getColumns().add(Controls.width(Controls.column("#", LeaderRow::rank), 32));
        t.getColumns().add(Controls.width(Controls.column("Variant", LeaderRow::name), 95));
        t.getColumns()
                .add(Controls.width(Controls.column("Mean [95% CI]", LeaderRow::meanText), 150));
        TableColumn<LeaderRow, LeaderRow> delta =
                Controls.deltaColumn(
                        LeaderRow::delta, LeaderRow::deltaText, LeaderRow::significant);
        delta.setText("Δ [95% CI]");
        t.getColumns().add(Controls.width(delta, 198));
        t.getColumns().add(Controls.width(Controls.column("p (Holm)", LeaderRow::holm), 65));
        t.getColumns().add(Controls.width(Controls.column("W / L", LeaderRow::winsLosses), 55));
        t.getColumns().add(Controls.width(Controls.column("cos q / d", LeaderRow::cosines), 90));
        t.getColumns().add(Controls.width(Controls.column("top-10 ∩", LeaderRow::overlap), 60));
        t.getColumns()
                .add(
                        Controls.width(
                                Controls.column(
                                        "Query | document template",
                                        r -> r.query() + "  |  " + r.document()),
                                280));
        t.setRowFactory(
                tv ->
                        new TableRow<>() {
                            @Override
                            protected void updateItem(LeaderRow r, boolean empty) {
                                super.updateItem(r, empty);
                                setStyle(
                                        !empty && r != null && r.baseline()
                                                ? "-fx-font-style: italic;"
                                                : "");
                            }
                        });
        t.setPlaceholder(new Label("Run the experiment to rank the variants"));
        return t;
    }
}
