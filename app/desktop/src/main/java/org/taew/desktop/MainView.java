package org.taew.desktop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.taew.core.logic.export.ResultsWriter;
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
import org.taew.desktop.map.MapView;
import org.taew.desktop.metrics.MetricsView;
import org.taew.desktop.queries.PerQueryView;
import org.taew.desktop.session.Downloads;
import org.taew.desktop.session.SessionViewModel;
import org.taew.desktop.sts.StsView;
import org.taew.desktop.util.DialogService;
import org.taew.desktop.util.Images;

/** The main window's content: menu, choices, the editor on the left, the result tabs, status. */
public final class MainView extends BorderPane {
    private final SessionViewModel session;
    private final Downloads downloads;
    private final DialogService dialogs;
    private final TabPane tabs = new TabPane();
    private final MetricsView metrics;
    private final HeatmapView heatmaps;
    private final PerQueryView perQuery;
    private final StsView sts;
    private final ExperimentsView experiments;
    private final ExperimentsViewModel experimentsVm;
    private final HistoryView history;
    private final ReportExport reports;
    private final HistoryViewModel historyVm;
    private final List<Tab> retrievalTabs;
    private final Tab stsTab;

    public MainView(DesktopViewModels vms, DialogService dialogs) {
        this.session = vms.session();
        this.downloads = vms.downloads();
        this.dialogs = dialogs;
        setId("main-view");
        metrics = new MetricsView(vms.metrics(), session.cutoffProperty());
        heatmaps = new HeatmapView(vms.heatmaps());
        perQuery = new PerQueryView(vms.perQuery());
        sts = new StsView(vms.sts());
        experimentsVm = vms.experiments();
        experiments =
                new ExperimentsView(
                        experimentsVm,
                        dialogs,
                        session.context().workspace().root(),
                        vms.production()::exportVariant,
                        vms.suggestions()::suggest);
        historyVm = vms.history();
        history = new HistoryView(historyVm, vms.searches(), dialogs);
        reports = new ReportExport(session, experimentsVm, historyVm);
        Tab mapTab = tab("Map", new MapView(vms.map()));
        Tab perQueryTab = tab("Per query", perQuery);
        retrievalTabs =
                List.of(
                        tab("Metrics", metrics),
                        tab("Heatmaps", heatmaps),
                        mapTab,
                        perQueryTab,
                        tab("Experiments", experiments),
                        tab("History", history));
        // the map is computed only while it shows; a click on one of its queries opens Per query
        vms.map().activeProperty().bind(mapTab.selectedProperty());
        vms.map()
                .selectedQueryProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null) {
                                tabs.getSelectionModel().select(perQueryTab);
                            }
                        });
        stsTab = tab("STS", sts);
        tabs.getTabs().setAll(retrievalTabs);
        // sentence pairs have their own view; retrieval's three need a ranking
        session.stsProperty()
                .addListener(
                        (o, a, b) -> tabs.getTabs().setAll(b ? List.of(stsTab) : retrievalTabs));
        tabs.setId("result-tabs");

        ScrollPane editor =
                new ScrollPane(
                        new InstructionEditorView(
                                session.editor(), vms.production()::exportEditor));
        editor.setFitToWidth(true);
        SplitPane split = new SplitPane(editor, tabs);
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(editor, false);

        setTop(
                new VBox(
                        menu(vms.production()::exportEditor),
                        new SessionToolbar(session, this::openDataset, this::openModel)));
        setCenter(split);
        setBottom(new StatusBar(vms.work(), session));
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

    private MenuBar menu(Runnable useInProduction) {
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
                                .ifPresent(downloads::downloadModel));
        MenuItem downloadDataset = new MenuItem("Download dataset (BEIR or Hugging Face Hub)…");
        downloadDataset.setOnAction(
                e ->
                        dialogs.askText(
                                        "Download a dataset",
                                        "BEIR name (scifact, nfcorpus, arguana, fiqa, scidocs, trec-covid,"
                                                + " quora, …) or a Hub dataset ORG/NAME (e.g. mteb/scifact):",
                                        "scifact")
                                .ifPresent(downloads::downloadDataset));
        MenuItem exportResults = new MenuItem("Export results (JSON, CSV, TREC runs)…");
        exportResults.setOnAction(e -> exportResults());
        MenuItem exportReport = new MenuItem("Export report (one HTML page)…");
        exportReport.setOnAction(e -> exportReport());
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
                        exportReport,
                        exportChart,
                        new SeparatorMenuItem(),
                        quit);
        MenuItem undo = new MenuItem("Undo instruction edit");
        undo.setOnAction(e -> session.editor().undo());
        MenuItem redo = new MenuItem("Redo instruction edit");
        redo.setOnAction(e -> session.editor().redo());
        MenuItem production = new MenuItem("Use in production…");
        production.setOnAction(e -> useInProduction.run());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), production);
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
                        "Export results into a new or empty folder (an earlier export is replaced)",
                        session.context().workspace().root());
        if (dir.isEmpty()) {
            return;
        }
        try {
            List<Path> files = ResultsWriter.write(dir.get(), session.report());
            StringBuilder sb = new StringBuilder("Wrote:\n");
            files.forEach(f -> sb.append(f).append('\n'));
            dialogs.showInformation("Results exported", sb.toString());
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot export the results", e.getMessage(), e);
        }
    }

    /**
     * The report of what the open tab shows (an experiment, two runs compared, else the current
     * evaluation) as one HTML page.
     */
    private void exportReport() {
        Node content = tabs.getSelectionModel().getSelectedItem().getContent();
        ReportExport.Kind kind =
                content == experiments
                        ? ReportExport.Kind.EXPERIMENT
                        : content == history
                                ? ReportExport.Kind.RUNS
                                : ReportExport.Kind.EVALUATION;
        Optional<Path> file =
                dialogs.chooseSaveFile(
                        "Export the " + kind.label() + " report as one HTML page",
                        session.context().workspace().root(),
                        reports.suggestedName(kind),
                        "html");
        if (file.isEmpty()) {
            return;
        }
        try {
            Path written = reports.write(kind, file.get());
            dialogs.showInformation(
                    "Report exported",
                    "Wrote "
                            + written
                            + "\nOpen it in any web browser: it is one file and needs no network.");
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot export the report", e.getMessage(), e);
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
