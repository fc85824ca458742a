package org.taew.desktop.queries;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.taew.core.model.Arm;
import org.taew.desktop.util.ArmNames;
import org.taew.desktop.util.ChartPane;
import org.taew.desktop.util.Controls;
import org.taew.report.charts.DeltaChart;

/**
 * Per-query tab: two arms chosen (general and task-aware at first), their queries by delta with the
 * wins/losses chart, and the selected query's top-k of both.
 */
public final class PerQueryView extends BorderPane {
    private final ChartPane chart = new ChartPane();
    private final ReadOnlyStringProperty deltaLabel;

    public PerQueryView(PerQueryViewModel vm) {
        setId("per-query-view");
        deltaLabel = vm.deltaLabelProperty();
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setStyle("-fx-font-weight: bold;");
        summary.setMinWidth(0);
        ComboBox<Arm> leftArm = armBox(vm.arms(), vm.leftProperty(), "left-arm");
        ComboBox<Arm> rightArm = armBox(vm.arms(), vm.rightProperty(), "right-arm");
        HBox top =
                new HBox(
                        6,
                        Controls.fixedLabel("Left:"),
                        leftArm,
                        Controls.fixedLabel("Right:"),
                        rightArm,
                        summary);
        top.setAlignment(Pos.CENTER_LEFT);
        chart.activeProperty().bind(visibleProperty());
        chart.setPrefHeight(200);
        chart.setMinHeight(120);
        vm.chartRowsProperty().addListener((o, a, b) -> showChart(b));
        showChart(vm.chartRowsProperty().get());

        TableView<PerQueryViewModel.QueryRow> queries = new TableView<>(vm.rows());
        queries.setId("query-table");
        queries.getColumns().add(col("Query", PerQueryViewModel.QueryRow::id, 60));
        TableColumn<PerQueryViewModel.QueryRow, String> text =
                col("Text", PerQueryViewModel.QueryRow::text, 240);
        queries.getColumns().add(text);
        TableColumn<PerQueryViewModel.QueryRow, String> leftValue = col("", r -> f(r.left()), 86);
        leftValue.textProperty().bind(armName(vm.leftProperty()));
        queries.getColumns().add(leftValue);
        TableColumn<PerQueryViewModel.QueryRow, String> rightValue = col("", r -> f(r.right()), 86);
        rightValue.textProperty().bind(armName(vm.rightProperty()));
        queries.getColumns().add(rightValue);
        TableColumn<PerQueryViewModel.QueryRow, Double> delta = new TableColumn<>("Δ");
        delta.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue().delta()));
        delta.setPrefWidth(70);
        delta.setCellFactory(
                c ->
                        new TableCell<>() {
                            @Override
                            protected void updateItem(Double d, boolean empty) {
                                super.updateItem(d, empty);
                                if (empty || d == null) {
                                    setText(null);
                                    setStyle("");
                                    return;
                                }
                                String shown = String.format(Locale.ROOT, "%+.4f", d);
                                setText(shown);
                                // coloured as shown: a delta that reads ±0.0000 stays plain
                                setStyle(Controls.deltaStyle(Double.parseDouble(shown)));
                            }
                        });
        queries.getColumns().add(delta);
        for (TableColumn<PerQueryViewModel.QueryRow, ?> c : queries.getColumns()) {
            if (c != text) {
                c.setMinWidth(c.getPrefWidth());
                c.setMaxWidth(c.getPrefWidth() * 1.4);
            }
        }
        queries.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        queries.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null) {
                                vm.selectedProperty().set(b);
                            }
                        });
        vm.selectedProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null
                                    && !b.equals(queries.getSelectionModel().getSelectedItem())) {
                                queries.getSelectionModel().select(b);
                                queries.scrollTo(b);
                            }
                        });
        chart.setPrefWidth(380);
        chart.setMinWidth(300);
        HBox row = new HBox(6, chart, queries);
        HBox.setHgrow(queries, Priority.ALWAYS);
        VBox left = new VBox(6, top, row);
        VBox.setVgrow(row, Priority.ALWAYS);
        left.setPadding(new Insets(6));

        Label query = new Label();
        query.setWrapText(true);
        query.textProperty().bind(vm.queryTextProperty());
        query.setStyle("-fx-font-size: 13px; -fx-font-weight: bold;");
        TableView<PerQueryViewModel.Hit> g = hits(vm.leftHits(), vm.leftTitleProperty());
        g.setId("left-hits");
        TableView<PerQueryViewModel.Hit> a = hits(vm.rightHits(), vm.rightTitleProperty());
        a.setId("right-hits");
        SplitPane both =
                new SplitPane(box(vm.leftTitleProperty(), g), box(vm.rightTitleProperty(), a));
        both.setOrientation(Orientation.HORIZONTAL);
        Label legend =
                new Label(
                        "●● judged 2 (answers) · ● judged 1 (partly) · ▲n / ▼n: places higher / lower"
                                + " than in the other arm · new: not in the other arm's top 100");
        legend.setStyle("-fx-font-size: 11px; -fx-text-fill: #555;");
        VBox right = new VBox(6, query, both, legend);
        VBox.setVgrow(both, Priority.ALWAYS);
        right.setPadding(new Insets(6));
        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        setCenter(split);
    }

    public JFreeChart chart() {
        return chart.getChart();
    }

    private void showChart(List<PerQueryViewModel.QueryRow> rows) {
        chart.setChart(
                DeltaChart.create(
                        DeltaChart.dataset(
                                rows.stream()
                                        .mapToDouble(PerQueryViewModel.QueryRow::delta)
                                        .toArray()),
                        "Per-query Δ, sorted",
                        deltaLabel.get()));
    }

    private static ComboBox<Arm> armBox(
            ObservableList<Arm> arms, ObjectProperty<Arm> chosen, String id) {
        ComboBox<Arm> box = new ComboBox<>(arms);
        box.setId(id);
        box.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(Arm a) {
                        return a == null ? "" : ArmNames.title(a);
                    }

                    @Override
                    public Arm fromString(String s) {
                        return Arm.find(s);
                    }
                });
        box.valueProperty().bindBidirectional(chosen);
        return Controls.unsqueezed(box);
    }

    private static StringBinding armName(ObjectProperty<Arm> arm) {
        return Bindings.createStringBinding(
                () -> arm.get() == null ? "" : ArmNames.title(arm.get()), arm);
    }

    private static VBox box(ReadOnlyStringProperty title, TableView<?> table) {
        Label l = new Label();
        l.textProperty().bind(title);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setStyle("-fx-font-weight: bold;");
        VBox v = new VBox(4, l, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return v;
    }

    private static TableView<PerQueryViewModel.Hit> hits(
            ObservableList<PerQueryViewModel.Hit> items, ReadOnlyStringProperty title) {
        TableView<PerQueryViewModel.Hit> t = new TableView<>(items);
        t.getColumns().add(hitCol("#", h -> Integer.toString(h.rank()), 30));
        t.getColumns().add(hitCol("Judged", PerQueryViewModel.Hit::gradeText, 62));
        t.getColumns().add(hitCol("Doc", PerQueryViewModel.Hit::docId, 52));
        t.getColumns().add(hitCol("Score", h -> f(h.score()), 64));
        t.getColumns().add(hitCol("Move", PerQueryViewModel.Hit::movementText, 48));
        t.getColumns().add(hitCol("Text", h -> h.text().replace('\n', ' '), 200));
        for (int i = 0; i < t.getColumns().size() - 1; i++) {
            TableColumn<PerQueryViewModel.Hit, ?> c = t.getColumns().get(i);
            c.setMinWidth(c.getPrefWidth());
            c.setMaxWidth(c.getPrefWidth() * 1.3);
        }
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        t.setRowFactory(
                tv ->
                        new TableRow<>() {
                            @Override
                            protected void updateItem(PerQueryViewModel.Hit h, boolean empty) {
                                super.updateItem(h, empty);
                                if (empty || h == null) {
                                    setStyle("");
                                    setTooltip(null);
                                } else {
                                    setStyle(
                                            h.grade() >= 2
                                                    ? "-fx-background-color: #d8f0dc;"
                                                    : h.grade() == 1
                                                            ? "-fx-background-color: #eef7e6;"
                                                            : "");
                                    Tooltip tip = new Tooltip(h.text());
                                    tip.setWrapText(true);
                                    tip.setMaxWidth(520);
                                    setTooltip(tip);
                                }
                            }
                        });
        t.setPlaceholder(new Label("Select a query"));
        t.accessibleTextProperty().bind(title);
        return t;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static <T> TableColumn<T, String> col(
            String title, Function<T, String> f, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(f.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<PerQueryViewModel.Hit, String> hitCol(
            String title, Function<PerQueryViewModel.Hit, String> f, double width) {
        return col(title, f, width);
    }
}
