package org.taew.desktop.instructions;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.taew.core.model.InstructionSet;
import org.taew.desktop.util.Controls;

/** The instruction editor panel: binds to {@link InstructionEditorViewModel}, nothing more. */
public final class InstructionEditorView extends VBox {

    /**
     * @param useInProduction what "Use in production…" does: writes the model with these templates
     *     as its prompts
     */
    public InstructionEditorView(InstructionEditorViewModel vm, Runnable useInProduction) {
        super(6);
        setId("instruction-editor");
        setPadding(new Insets(8));
        setPrefWidth(400);
        setMinWidth(320);

        Label heading = new Label("Task-aware instructions");
        heading.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        Label dirty = new Label();
        dirty.textProperty()
                .bind(Bindings.when(vm.dirtyProperty()).then("● unsaved edits").otherwise("saved"));
        dirty.styleProperty()
                .bind(
                        Bindings.when(vm.dirtyProperty())
                                .then("-fx-text-fill: #b35c00; -fx-font-weight: bold;")
                                .otherwise("-fx-text-fill: #2e7d32;"));
        dirty.setId("dirty-marker");
        HBox head = new HBox(10, heading, dirty);

        ComboBox<InstructionSet> set = new ComboBox<>(vm.sets());
        set.setId("instruction-set");
        set.valueProperty().bindBidirectional(vm.selectedSetProperty());
        set.setCellFactory(l -> new SetCell());
        set.setButtonCell(new SetCell());
        set.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> task = new ComboBox<>(vm.tasks());
        task.setId("task");
        task.valueProperty().bindBidirectional(vm.selectedTaskProperty());
        task.setMaxWidth(Double.MAX_VALUE);
        // task names such as "similar-questions" are longer than the file names of the sets
        set.setPrefWidth(125);
        task.setPrefWidth(160);
        HBox choose =
                new HBox(6, Controls.fixedLabel("Set"), set, Controls.fixedLabel("Task"), task);
        choose.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(set, Priority.ALWAYS);
        HBox.setHgrow(task, Priority.ALWAYS);
        Label description = new Label();
        description.setWrapText(true);
        description.textProperty().bind(vm.form().descriptionProperty());
        description.setStyle("-fx-text-fill: #444;");

        TextArea query = area("query-template", vm.form().queryTemplateProperty());
        TextArea document = area("document-template", vm.form().documentTemplateProperty());
        TextField instruction = new TextField();
        instruction.setId("task-instruction");
        instruction.textProperty().bindBidirectional(vm.form().instructionProperty());
        instruction.setPromptText("fills {task} in a template (optional)");
        CheckBox exclude = new CheckBox("Leave the instruction's tokens out of mean pooling");
        exclude.selectedProperty().bindBidirectional(vm.form().excludeFromPoolingProperty());
        exclude.setTooltip(
                new Tooltip(
                        "As INSTRUCTOR and sentence-transformers' include_prompt=false: the instruction"
                                + " steers attention but does not enter the average."));

        Button undo = new Button("Undo");
        undo.setOnAction(e -> vm.undo());
        undo.disableProperty().bind(vm.canUndoProperty().not());
        Button redo = new Button("Redo");
        redo.setOnAction(e -> vm.redo());
        redo.disableProperty().bind(vm.canRedoProperty().not());
        Button revert = new Button("Revert");
        revert.setOnAction(e -> vm.revert());
        revert.disableProperty().bind(vm.dirtyProperty().not());
        Button save = new Button("Save");
        save.setId("save-instructions");
        save.setDefaultButton(false);
        save.setOnAction(e -> vm.save());
        save.disableProperty().bind(vm.canSaveProperty().not());
        Button saveAs = new Button("Save as new set…");
        saveAs.setOnAction(e -> vm.saveAsNew());
        saveAs.disableProperty().bind(vm.selectedSetProperty().isNull());
        HBox buttons = new HBox(6, undo, redo, revert, save, saveAs);
        Button production = new Button("Use in production…");
        production.setId("use-in-production");
        production.setOnAction(e -> useInProduction.run());
        production.disableProperty().bind(vm.form().compiledProperty().isNull());
        production.setTooltip(
                new Tooltip(
                        "Write a copy of the model folder whose sentence-transformers prompts are"
                                + " these templates, and show the settings for the places you"
                                + " serve embeddings."));
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.setStyle("-fx-text-fill: #555; -fx-font-size: 11px;");
        Label help =
                new Label(
                        "{text} is where the input goes; {task} takes the task instruction; {{ and }}"
                                + " are literal braces. General mode always uses {text} alone.");
        help.setWrapText(true);
        help.setStyle("-fx-text-fill: #666; -fx-font-size: 11px;");

        getChildren()
                .addAll(
                        head,
                        choose,
                        description,
                        section("Query template"),
                        query,
                        error(vm.form().queryErrorProperty()),
                        cost(vm.form().queryCostProperty()),
                        section("Document template"),
                        document,
                        error(vm.form().documentErrorProperty()),
                        cost(vm.form().documentCostProperty()),
                        section("Task instruction"),
                        instruction,
                        exclude,
                        buttons,
                        production,
                        status,
                        help);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        return l;
    }

    private static TextArea area(String id, StringProperty p) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setWrapText(true);
        a.setPrefRowCount(3);
        a.setStyle("-fx-font-family: monospace;");
        a.textProperty().bindBidirectional(p);
        return a;
    }

    private static Label error(ObservableStringValue text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setStyle("-fx-text-fill: #b00020;");
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    private static Label cost(ObservableStringValue text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setStyle("-fx-text-fill: #555; -fx-font-size: 11px;");
        return l;
    }

    /** A file by its name, a model's prompts or an empty set by what they are. */
    static String label(InstructionSet s) {
        return switch (s.origin()) {
            case FILE -> s.source().getFileName() + " (" + s.family() + ")";
            case MODEL_PROMPTS -> "prompts of " + s.source().getParent().getFileName();
            case EMPTY -> "no instructions for " + s.family() + " (new)";
        };
    }

    private static final class SetCell extends ListCell<InstructionSet> {
        @Override
        protected void updateItem(InstructionSet s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : label(s));
        }
    }
}
