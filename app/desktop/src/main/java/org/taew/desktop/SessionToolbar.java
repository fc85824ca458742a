package org.taew.desktop;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import org.taew.core.logic.datasets.DatasetCatalog;
import org.taew.desktop.session.DeviceChoice;
import org.taew.desktop.session.ModelChoice;
import org.taew.desktop.session.SessionViewModel;

/**
 * The window's choices: dataset (and split), model, device, Matryoshka dimensions, the draft mark
 * (int8 or q4 weights) with Confirm in fp32, and whether identical ids are ignored, bound to the
 * session.
 */
final class SessionToolbar extends ToolBar {
    SessionToolbar(SessionViewModel session, Runnable openDatasetAction, Runnable openModelAction) {
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
        openDataset.setOnAction(e -> openDatasetAction.run());
        ComboBox<ModelChoice> model = new ComboBox<>(session.models());
        model.setId("model");
        model.valueProperty().bindBidirectional(session.selectedModelProperty());
        Button openModel = new Button("Open…");
        openModel.setOnAction(e -> openModelAction.run());
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
        // the device list beside it names the precision (int8 or q4 draft); the tooltip says why
        Label draftMark = new Label("DRAFT");
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
        getItems()
                .addAll(
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
}
