package org.taew.desktop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.core.logic.evaluation.SimilarityMap;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Installation;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.experiments.ExperimentsView;
import org.taew.desktop.experiments.ExperimentsViewModel;
import org.taew.desktop.heatmap.HeatmapView;
import org.taew.desktop.heatmap.HeatmapViewModel;
import org.taew.desktop.history.HistoryView;
import org.taew.desktop.history.HistoryViewModel;
import org.taew.desktop.instructions.InstructionEditorView;
import org.taew.desktop.metrics.MetricsView;
import org.taew.desktop.metrics.MetricsViewModel;
import org.taew.desktop.queries.PerQueryView;
import org.taew.desktop.queries.PerQueryViewModel;
import org.taew.desktop.session.DeviceChoice;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.sts.StsView;
import org.taew.desktop.sts.StsViewModel;
import org.taew.desktop.util.Controls;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.Images;

/** The main window's content: menu, choices, the editor on the left, the result tabs, status. */
public final class MainView extends BorderPane {
    private final SessionViewModel session;
    private final DialogService dialogs;
    private final TabPane tabs = new TabPane();
    private final MetricsView metrics;
    private final HeatmapView heatmaps;
    private final PerQueryView perQuery;
    private final StsView sts;
    private final ExperimentsView experiments;
    private final ExperimentsViewModel experimentsVm;
    private final HistoryView history;
    private final HistoryViewModel historyVm;
    private final List<Tab> retrievalTabs;
    private final Tab stsTab;

    public MainView(SessionViewModel session, DialogService dialogs) {
        this.session = session;
        this.dialogs = dialogs;
        setId("main-view");
        metrics =
                new MetricsView(
                        new MetricsViewModel(session.snapshotProperty()), session.cutoffProperty());
        HeatmapViewModel heatmapVm =
                new HeatmapViewModel(
                        session.snapshotProperty(),
                        SimilarityMap.DEFAULT_MAX_QUERIES,
                        SimilarityMap.DEFAULT_NEGATIVES_PER_QUERY);
        PerQueryViewModel perQueryVm =
                new PerQueryViewModel(session.snapshotProperty(), session.cutoffProperty());
        // a click on a heatmap cell also selects its query for the side-by-side view
        heatmapVm.selectedQueryProperty().addListener((o, a, b) -> perQueryVm.select(b));
        heatmaps = new HeatmapView(heatmapVm);
        perQuery = new PerQueryView(perQueryVm);
        sts = new StsView(new StsViewModel(session.stsSnapshotProperty()));
        experimentsVm = new ExperimentsViewModel(session);
        experiments =
                new ExperimentsView(experimentsVm, dialogs, session.context().workspace().root());
        historyVm = new HistoryViewModel(session, session.io(), Platform::runLater);
        history = new HistoryView(historyVm, dialogs);
        retrievalTabs =
                List.of(
                        tab("Metrics", metrics),
                        tab("Heatmaps", heatmaps),
                        tab("Per query", perQuery),
                        tab("Experiments", experiments),
                        tab("History", history));
        stsTab = tab("STS", sts);
        tabs.getTabs().setAll(retrievalTabs);
        // sentence pairs have their own view; retrieval's three need a ranking
        session.stsProperty()
                .addListener(
                        (o, a, b) -> tabs.getTabs().setAll(b ? List.of(stsTab) : retrievalTabs));
        tabs.setId("result-tabs");

        ScrollPane editor = new ScrollPane(new InstructionEditorView(session.editor()));
        editor.setFitToWidth(true);
        SplitPane split = new SplitPane(editor, tabs);
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(editor, false);

        setTop(new VBox(menu(), toolbar()));
        setCenter(split);
        setBottom(statusBar());
    }

    public TabPane tabs() {
        return tabs;
    }

    public ExperimentsViewModel experiments() {
        return experimentsVm;
    }

    public HistoryViewModel history() {
        return historyVm;
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setClosable(false);
        return t;
    }

    private MenuBar menu() {
        MenuItem openDataset = new MenuItem("Open dataset folder…");
        openDataset.setOnAction(e -> openDataset());
        MenuItem openSts = new MenuItem("Open STS pair file…");
        openSts.setOnAction(e -> openStsFile());
        MenuItem openModel = new MenuItem("Open model folder…");
        openModel.setOnAction(e -> openModel());
        MenuItem downloadModel = new MenuItem("Download model from the Hugging Face Hub…");
        downloadModel.setOnAction(
                e ->
                        dialogs.askText(
                                        "Download a model",
                                        "Hub name, ORG/NAME or ORG/NAME@REVISION (gated models need HF_TOKEN):",
                                        "BAAI/bge-small-en-v1.5")
                                .ifPresent(session::downloadModel));
        MenuItem downloadDataset = new MenuItem("Download dataset (BEIR or Hugging Face Hub)…");
        downloadDataset.setOnAction(
                e ->
                        dialogs.askText(
                                        "Download a dataset",
                                        "BEIR name (scifact, nfcorpus, arguana, fiqa, scidocs, trec-covid,"
                                                + " quora, …) or a Hub dataset ORG/NAME (e.g. mteb/scifact):",
                                        "scifact")
                                .ifPresent(session::downloadDataset));
        MenuItem exportResults = new MenuItem("Export results (JSON, CSV, TREC runs)…");
        exportResults.setOnAction(e -> exportResults());
        MenuItem exportChart = new MenuItem("Export chart of this tab as PNG…");
        exportChart.setOnAction(e -> exportCharts());
        MenuItem save = new MenuItem("Save instructions");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.setOnAction(e -> session.editor().save());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> getScene().getWindow().hide());
        Menu file =
                new Menu(
                        "File",
                        null,
                        openDataset,
                        openSts,
                        openModel,
                        new SeparatorMenuItem(),
                        downloadDataset,
                        downloadModel,
                        new SeparatorMenuItem(),
                        save,
                        exportResults,
                        exportChart,
                        new SeparatorMenuItem(),
                        quit);
        MenuItem undo = new MenuItem("Undo instruction edit");
        undo.setOnAction(e -> session.editor().undo());
        MenuItem redo = new MenuItem("Redo instruction edit");
        redo.setOnAction(e -> session.editor().redo());
        Menu edit = new Menu("Edit", null, undo, redo);
        MenuItem about = new MenuItem("About");
        about.setOnAction(
                e ->
                        dialogs.showInformation(
                                "Task-Aware Embedding Workbench",
                                "Measures whether an instruction helps an embedding model on your"
                                        + " data: general (no instruction) against task-aware, per"
                                        + " query and overall.\nVersion: "
                                        + version()
                                        + "\nWorkspace: "
                                        + session.context().workspace().root()
                                        + "\nHome: "
                                        + session.context().home()));
        return new MenuBar(file, edit, new Menu("Help", null, about));
    }

    private static String version() {
        String v = MainView.class.getPackage().getImplementationVersion();
        String installed = Installation.folder().map(p -> " (installed in " + p + ")").orElse("");
        return (v == null ? "development build" : v) + installed;
    }

    private ToolBar toolbar() {
        ComboBox<DatasetCatalog.Entry> dataset = new ComboBox<>(session.datasets());
        dataset.setId("dataset");
        dataset.valueProperty().bindBidirectional(session.selectedDatasetProperty());
        dataset.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(DatasetCatalog.Entry e) {
                        return e == null ? "" : e.name();
                    }

                    @Override
                    public DatasetCatalog.Entry fromString(String s) {
                        return null;
                    }
                });
        ComboBox<String> split = new ComboBox<>(session.splits());
        split.setId("split");
        split.valueProperty().bindBidirectional(session.selectedSplitProperty());
        split.setPromptText("split");
        split.setTooltip(new Tooltip("The qrels split to evaluate (qrels/<split>.tsv or .txt)."));
        split.visibleProperty().bind(Bindings.size(session.splits()).greaterThan(1));
        split.managedProperty().bind(split.visibleProperty());
        Button openDataset = new Button("Open…");
        openDataset.setOnAction(e -> openDataset());
        ComboBox<SessionViewModel.ModelChoice> model = new ComboBox<>(session.models());
        model.setId("model");
        model.valueProperty().bindBidirectional(session.selectedModelProperty());
        Button openModel = new Button("Open…");
        openModel.setOnAction(e -> openModel());
        ComboBox<DeviceChoice> device = new ComboBox<>(session.devices());
        device.setId("device");
        device.valueProperty().bindBidirectional(session.selectedDeviceProperty());
        device.setTooltip(
                new Tooltip(
                        "Devices DJL reports; GPUs appear when DJL's PyTorch engine sees CUDA."));
        ComboBox<Integer> dims = new ComboBox<>(session.dimensions());
        dims.setId("dimension");
        dims.valueProperty().bindBidirectional(session.selectedDimensionProperty());
        dims.setConverter(
                new StringConverter<>() {
                    @Override
                    public String toString(Integer d) {
                        return d == null || d == 0 ? "all" : Integer.toString(d);
                    }

                    @Override
                    public Integer fromString(String s) {
                        return s.equals("all") ? 0 : Integer.valueOf(s);
                    }
                });
        dims.setTooltip(
                new Tooltip(
                        "Matryoshka: keep the first dimensions of each vector, normalised again."
                                + " Models trained for it (EmbeddingGemma, Qwen3-Embedding) lose"
                                + " little; others may lose much."));
        Label dimsWarning = new Label("⚠ not trained for it");
        dimsWarning.setId("dimension-warning");
        dimsWarning.setStyle("-fx-text-fill: #b35900;");
        dimsWarning.visibleProperty().bind(session.dimensionCautionProperty().isNotEmpty());
        dimsWarning.managedProperty().bind(dimsWarning.visibleProperty());
        Tooltip dimsWhy = new Tooltip();
        dimsWhy.textProperty().bind(session.dimensionCautionProperty());
        dimsWarning.setTooltip(dimsWhy);
        Label draftMark = new Label("DRAFT (int8)");
        draftMark.setId("draft-mark");
        draftMark.setStyle(
                "-fx-text-fill: white; -fx-background-color: #b35900; -fx-padding: 1 6 1 6;"
                        + " -fx-font-weight: bold;");
        Tooltip draftWhy = new Tooltip();
        draftWhy.textProperty().bind(session.draftProperty());
        draftMark.setTooltip(draftWhy);
        Button confirm = new Button("Confirm in fp32");
        confirm.setId("confirm-fp32");
        confirm.setOnAction(e -> session.confirmInFp32());
        for (Node n : List.of(draftMark, confirm)) {
            n.visibleProperty().bind(session.draftProperty().isNotEmpty());
            n.managedProperty().bind(n.visibleProperty());
        }
        CheckBox ignore = new CheckBox("Ignore identical ids");
        ignore.selectedProperty().bindBidirectional(session.ignoreIdenticalIdsProperty());
        Tooltip why = new Tooltip();
        why.textProperty()
                .bind(
                        Bindings.concat(
                                "Drop a result whose id equals the query's (when queries are also"
                                        + " documents).\n",
                                session.identicalIdsNoteProperty()));
        ignore.setTooltip(why);
        // sentence pairs have no rankings, so no identical ids to leave out
        ignore.visibleProperty().bind(session.stsProperty().not());
        ignore.managedProperty().bind(ignore.visibleProperty());
        Label selfWarning = new Label("⚠ relevant documents dropped");
        selfWarning.setId("identical-ids-warning");
        selfWarning.setStyle("-fx-text-fill: #b35900;");
        selfWarning.visibleProperty().bind(session.identicalIdsWarningProperty().isNotEmpty());
        selfWarning.managedProperty().bind(selfWarning.visibleProperty());
        Tooltip warned = new Tooltip();
        warned.textProperty().bind(session.identicalIdsWarningProperty());
        selfWarning.setTooltip(warned);
        return new ToolBar(
                new Label("Dataset"),
                dataset,
                split,
                openDataset,
                new Separator(),
                new Label("Model"),
                model,
                openModel,
                new Separator(),
                new Label("Device"),
                device,
                new Label("Dims"),
                dims,
                dimsWarning,
                draftMark,
                confirm,
                new Separator(),
                ignore,
                selfWarning);
    }

    private Node statusBar() {
        ProgressBar bar = new ProgressBar(0);
        bar.setPrefWidth(180);
        bar.progressProperty().bind(session.progress().fractionProperty());
        bar.visibleProperty().bind(session.busyProperty());
        Label progress = new Label();
        progress.textProperty().bind(session.progress().textProperty());
        progress.setId("progress-text");
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setOnAction(e -> session.cancel());
        cancel.disableProperty().bind(session.busyProperty().not());
        Label status = new Label();
        status.textProperty().bind(session.statusProperty());
        status.setId("status");
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
        for (Control c : List.of(cancel, status, engine)) {
            Controls.unsqueezed(c);
        }
        update.setMinWidth(0);
        HBox.setHgrow(update, Priority.SOMETIMES);
        HBox box = new HBox(10, bar, progress, cancel, status, update, grow, engine);
        box.setAlignment(Pos.CENTER_LEFT);
        // where the task-aware templates come from: a line of its own, so it is never cut short
        VBox both = new VBox(2, box, templates);
        both.setPadding(new Insets(4, 8, 4, 8));
        both.setStyle("-fx-border-color: #ccc transparent transparent transparent;");
        return both;
    }

    private void openDataset() {
        dialogs.chooseFolder(
                        "Open a dataset folder (BEIR layout)",
                        session.context().workspace().datasets())
                .ifPresent(session::openDataset);
    }

    private void openStsFile() {
        dialogs.chooseOpenFile(
                        "Open sentence pairs with gold scores (STS)",
                        session.context().workspace().root(),
                        "csv",
                        "tsv")
                .ifPresent(session::openDataset);
    }

    private void openModel() {
        dialogs.chooseFolder("Open a model folder", session.context().home().resolve("models"))
                .ifPresent(session::openModelFolder);
    }

    private void exportResults() {
        Optional<Path> dir =
                dialogs.chooseFolder(
                        "Export results into a folder", session.context().workspace().root());
        if (dir.isEmpty()) {
            return;
        }
        try {
            List<Path> files = session.export(dir.get());
            StringBuilder sb = new StringBuilder("Wrote:\n");
            files.forEach(f -> sb.append(f).append('\n'));
            dialogs.showInformation("Results exported", sb.toString());
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot export the results", e.getMessage(), e);
        }
    }

    /** A chart to export and the suffix its file name gets. */
    private record NamedChart(String suffix, JFreeChart chart) {}

    /** The charts of the selected tab with file-name suffixes. */
    private List<NamedChart> chartsOfTab() {
        List<NamedChart> out = new ArrayList<>();
        Node content = tabs.getSelectionModel().getSelectedItem().getContent();
        if (content == metrics) {
            out.add(new NamedChart("", metrics.chart()));
        } else if (content == sts) {
            out.add(new NamedChart("", sts.chart()));
        } else if (content == perQuery) {
            out.add(new NamedChart("", perQuery.chart()));
        } else if (content == experiments) {
            out.add(new NamedChart("", experiments.chart()));
        } else if (content == history) {
            return out;
        } else {
            for (HeatmapViewModel.Panel p : HeatmapViewModel.Panel.values()) {
                out.add(
                        new NamedChart(
                                "-" + p.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                                heatmaps.chart(p)));
            }
        }
        return out;
    }

    private void exportCharts() {
        String name =
                tabs.getSelectionModel()
                        .getSelectedItem()
                        .getText()
                        .toLowerCase(Locale.ROOT)
                        .replace(' ', '-');
        Optional<Path> file =
                dialogs.chooseSaveFile(
                        "Export chart as PNG",
                        session.context().workspace().root(),
                        name + ".png",
                        "png");
        if (file.isEmpty()) {
            return;
        }
        try {
            writeCharts(file.get());
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot export the chart", e.getMessage(), e);
        }
    }

    /**
     * Writes the selected tab's charts as PNG (1200 × 800): {@code file} itself, or for the three
     * heatmaps {@code NAME-general.png}, {@code NAME-task-aware.png}, {@code NAME-difference.png}.
     */
    public List<Path> writeCharts(Path file) throws WorkbenchException {
        String base = file.toString().replaceFirst("\\.png$", "");
        List<Path> written = new ArrayList<>();
        for (NamedChart c : chartsOfTab()) {
            JFreeChart chart = c.chart();
            if (chart == null) {
                continue;
            }
            Path target = Path.of(base + c.suffix() + ".png");
            AtomicFiles.write(target, out -> ChartUtils.writeChartAsPNG(out, chart, 1200, 800));
            written.add(target);
        }
        return written;
    }

    /** Saves the window's content as PNG (for documentation screenshots). */
    public void snapshot(Path file) throws WorkbenchException {
        Images.writePng(this, file);
    }
}
