package org.taew.desktop.instructions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.instructions.InstructionFileReader;
import org.taew.core.logic.instructions.InstructionFileWriter;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Side;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.DialogService;

/**
 * The instruction editor: one instruction file at a time, its tasks, and for the selected task the
 * query and document templates, the task instruction and the pooling flag. Edits are drafts until
 * saved: they are marked dirty, undoable, autosaved beside the file, and offered back after a
 * crash. Save rewrites only the changed values of the file (comments stay) and writes atomically.
 */
public final class InstructionEditorViewModel {
    static final long COALESCE_NANOS = 1_000_000_000L;

    private final Path dir;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final AutosaveStore autosave;
    private final LongSupplier clock;

    private final ObservableList<InstructionSet> sets = FXCollections.observableArrayList();
    private final ObjectProperty<InstructionSet> selectedSet = new SimpleObjectProperty<>();
    private final ObservableList<String> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedTask = new SimpleObjectProperty<>();
    private final StringProperty queryTemplate = new SimpleStringProperty("");
    private final StringProperty documentTemplate = new SimpleStringProperty("");
    private final StringProperty instruction = new SimpleStringProperty("");
    private final BooleanProperty excludeFromPooling = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper documentError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryCost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper documentCost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper taskDirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<InstructionPair> compiled = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper editedAt = new ReadOnlyLongWrapper();

    /** Drafts of the selected file: task → templates, only tasks that differ from the file. */
    private final Map<String, TaskTemplates> drafts = new LinkedHashMap<>();

    private final EditHistory<State> history;
    private String savedContent = "";
    private boolean applying;

    /** What undo restores: the drafts of the file and the task on screen. */
    private record State(Map<String, TaskTemplates> drafts, String task) {}

    public InstructionEditorViewModel(
            Path instructionsDir,
            Path autosaveFallbackDir,
            DialogService dialogs,
            Debouncer debouncer,
            LongSupplier clock) {
        this.dir = instructionsDir;
        this.dialogs = dialogs;
        this.debouncer = debouncer;
        this.clock = clock;
        this.autosave = new AutosaveStore(autosaveFallbackDir);
        this.history = new EditHistory<>(clock, COALESCE_NANOS);
        queryTemplate.addListener((o, a, b) -> edited("query"));
        documentTemplate.addListener((o, a, b) -> edited("document"));
        instruction.addListener((o, a, b) -> edited("instruction"));
        excludeFromPooling.addListener((o, a, b) -> edited("exclude"));
        selectedTask.addListener((o, a, b) -> showTask());
        selectedSet.addListener((o, a, b) -> openSet(a, b));
    }

    // ---- state for the view ----

    public ObservableList<InstructionSet> sets() {
        return sets;
    }

    public ObjectProperty<InstructionSet> selectedSetProperty() {
        return selectedSet;
    }

    public ObservableList<String> tasks() {
        return tasks;
    }

    public ObjectProperty<String> selectedTaskProperty() {
        return selectedTask;
    }

    public StringProperty queryTemplateProperty() {
        return queryTemplate;
    }

    public StringProperty documentTemplateProperty() {
        return documentTemplate;
    }

    public StringProperty instructionProperty() {
        return instruction;
    }

    public BooleanProperty excludeFromPoolingProperty() {
        return excludeFromPooling;
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queryErrorProperty() {
        return queryError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty documentErrorProperty() {
        return documentError.getReadOnlyProperty();
    }

    /** Token preview of the query side, set by the session after measuring. */
    public ReadOnlyStringProperty queryCostProperty() {
        return queryCost.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty documentCostProperty() {
        return documentCost.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the file has unsaved edits (any task). */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Whether the task on screen differs from the file. */
    public ReadOnlyBooleanProperty taskDirtyProperty() {
        return taskDirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The task-aware instructions on screen, parsed; null while a template is invalid. */
    public ReadOnlyObjectProperty<InstructionPair> compiledProperty() {
        return compiled.getReadOnlyProperty();
    }

    /** Clock reading (nanoseconds) of the last edit by the user, for edit-to-update latency. */
    public ReadOnlyLongProperty editedAtProperty() {
        return editedAt.getReadOnlyProperty();
    }

    public void setCost(Side side, String text) {
        (side == Side.QUERY ? queryCost : documentCost).set(text);
    }

    public TaskTemplates current() {
        return new TaskTemplates(
                queryTemplate.get(),
                documentTemplate.get(),
                instruction.get(),
                excludeFromPooling.get());
    }

    // ---- actions ----

    /**
     * Reads the instruction files and opens the one for {@code model} (the one that lists it, else
     * its family's); with none, the first file. Unsaved edits found from an earlier run are offered
     * back.
     */
    public void load(ModelSpec model) {
        InstructionLibrary library;
        try {
            library = InstructionLibrary.load(dir);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot read the instruction files", e.getMessage(), e);
            return;
        }
        InstructionSet keep = selectedSet.get();
        sets.setAll(library.sets());
        InstructionSet pick = model == null ? null : library.forModel(model).orElse(null);
        if (pick == null && keep != null) {
            pick = find(keep.source()).orElse(null);
        }
        if (pick == null && !sets.isEmpty()) {
            pick = sets.get(0);
        }
        if (pick != null && keep != null && pick.source().equals(keep.source())) {
            // the same file: keep the drafts on screen
            return;
        }
        selectedSet.set(pick);
    }

    public void undo() {
        if (!history.canUndo()) {
            return;
        }
        restore(history.undo(state()));
    }

    public void redo() {
        if (!history.canRedo()) {
            return;
        }
        restore(history.redo(state()));
    }

    /** Drops every unsaved edit of the file (undoable). */
    public void revert() {
        if (drafts.isEmpty()) {
            return;
        }
        history.record(state(), null);
        drafts.clear();
        afterDraftsChanged(true);
        showTask();
        status.set("Reverted to the saved file");
    }

    /** Writes the edits into the file (atomic). Returns whether it was saved. */
    public boolean save() {
        InstructionSet set = selectedSet.get();
        if (set == null || drafts.isEmpty()) {
            return false;
        }
        try {
            String content = savedContent;
            for (Map.Entry<String, TaskTemplates> d : drafts.entrySet()) {
                content =
                        InstructionFileWriter.withTask(
                                set.source(), content, d.getKey(), d.getValue());
            }
            AtomicFiles.writeString(set.source(), content);
            InstructionSet reread = InstructionFileReader.parse(set.source(), content);
            savedContent = content;
            drafts.clear();
            autosave.delete(set.source());
            replaceSet(set, reread);
            afterDraftsChanged(false);
            status.set("Saved " + set.source().getFileName());
            return true;
        } catch (WorkbenchException e) {
            dialogs.showError(
                    "Cannot save " + set.source().getFileName(),
                    e.getMessage()
                            + "\nYour edits are kept (and autosaved); fix the problem and save"
                            + " again, or use Save as new set.",
                    e);
            return false;
        }
    }

    /**
     * Saves the file's tasks with the edits applied as a new instruction file in the same folder,
     * and opens it; the original file stays as it was.
     */
    public boolean saveAsNew() {
        InstructionSet set = selectedSet.get();
        if (set == null) {
            return false;
        }
        Optional<String> name =
                dialogs.askText(
                        "Save as new instruction set",
                        "Name of the new set (letters, digits, '-', '_', '.'):",
                        set.family() + "-tuned");
        if (name.isEmpty()) {
            return false;
        }
        String n = name.get();
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            dialogs.showError(
                    "Not a valid name",
                    "\"" + n + "\" may hold only letters, digits, '_', '.' and '-'.",
                    null);
            return false;
        }
        Path target = dir.resolve(n + ".yaml");
        if (Files.exists(target)) {
            dialogs.showError(
                    "The set exists", target + " exists already; choose another name.", null);
            return false;
        }
        try {
            String content =
                    InstructionFileWriter.newFile(
                            target,
                            n,
                            "Copy of "
                                    + set.family()
                                    + " ("
                                    + set.source().getFileName()
                                    + ") with edits",
                            List.of(),
                            set.tasks(),
                            drafts,
                            "Saved by the Task-Aware Embedding Workbench from "
                                    + set.source().getFileName());
            AtomicFiles.writeString(target, content);
            InstructionSet created = InstructionFileReader.parse(target, content);
            autosave.delete(set.source());
            drafts.clear();
            history.clear();
            sets.add(created);
            sets.sort((a, b) -> a.source().getFileName().compareTo(b.source().getFileName()));
            String task = selectedTask.get();
            selectedSet.set(created);
            if (task != null && created.tasks().containsKey(task)) {
                selectedTask.set(task);
            }
            status.set("Saved as " + target.getFileName());
            return true;
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot save the new set", e.getMessage(), e);
            return false;
        }
    }

    /** Writes the drafts to the autosave now (the view calls it on close, too). */
    public void autosaveNow() {
        InstructionSet set = selectedSet.get();
        if (set == null) {
            return;
        }
        try {
            autosave.write(set.source(), drafts);
        } catch (WorkbenchException e) {
            status.set("Autosave failed: " + e.getMessage());
        }
    }

    // ---- internals ----

    private Optional<InstructionSet> find(Path source) {
        return sets.stream().filter(s -> s.source().equals(source)).findFirst();
    }

    private void replaceSet(InstructionSet old, InstructionSet now) {
        int i = sets.indexOf(old);
        applying = true;
        try {
            if (i >= 0) {
                sets.set(i, now);
            }
            selectedSet.set(now);
        } finally {
            applying = false;
        }
    }

    private void openSet(InstructionSet before, InstructionSet set) {
        if (applying) {
            return;
        }
        if (before != null && !drafts.isEmpty()) {
            // switching files keeps the edits of the one left in its autosave
            autosaveNow();
        }
        drafts.clear();
        history.clear();
        applying = true;
        try {
            tasks.clear();
            if (set == null) {
                savedContent = "";
                selectedTask.set(null);
                return;
            }
            try {
                savedContent = Files.readString(set.source());
            } catch (java.io.IOException e) {
                savedContent = "";
                dialogs.showError("Cannot read " + set.source().getFileName(), e.getMessage(), e);
            }
            tasks.setAll(set.tasks().keySet());
            String keep = selectedTask.get();
            selectedTask.set(
                    keep != null && set.tasks().containsKey(keep)
                            ? keep
                            : tasks.isEmpty() ? null : tasks.get(0));
        } finally {
            applying = false;
        }
        offerAutosave(set);
        showTask();
        afterDraftsChanged(false);
    }

    private void offerAutosave(InstructionSet set) {
        Optional<AutosaveStore.Drafts> found;
        try {
            found = autosave.read(set.source());
        } catch (WorkbenchException e) {
            dialogs.showError("Autosaved edits cannot be read", e.getMessage(), null);
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        Map<String, TaskTemplates> differing = new LinkedHashMap<>();
        for (Map.Entry<String, TaskTemplates> e : found.get().tasks().entrySet()) {
            TaskInstructions saved = set.tasks().get(e.getKey());
            if (saved == null || !TaskTemplates.of(saved).equals(e.getValue())) {
                differing.put(e.getKey(), e.getValue());
            }
        }
        if (differing.isEmpty()) {
            autosave.delete(set.source());
            return;
        }
        String when =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                        .withZone(ZoneId.systemDefault())
                        .format(found.get().savedAt());
        boolean restore =
                dialogs.confirm(
                        "Restore unsaved edits?",
                        "Edits of "
                                + set.source().getFileName()
                                + " that were not saved were found (tasks: "
                                + String.join(", ", differing.keySet())
                                + "; autosaved "
                                + when
                                + "). Restore them? If you discard them, the file stays as it is.",
                        "Restore",
                        "Discard");
        if (!restore) {
            autosave.delete(set.source());
            return;
        }
        for (Map.Entry<String, TaskTemplates> e : differing.entrySet()) {
            if (set.tasks().containsKey(e.getKey())) {
                drafts.put(e.getKey(), e.getValue());
            }
        }
        status.set("Restored unsaved edits of " + String.join(", ", differing.keySet()));
    }

    private State state() {
        return new State(Map.copyOf(drafts), selectedTask.get());
    }

    private void restore(State s) {
        drafts.clear();
        drafts.putAll(s.drafts());
        applying = true;
        try {
            if (s.task() != null && tasks.contains(s.task())) {
                selectedTask.set(s.task());
            }
        } finally {
            applying = false;
        }
        showTask();
        afterDraftsChanged(true);
    }

    /** Puts the selected task's templates (draft or saved) into the fields. */
    private void showTask() {
        if (applying) {
            return;
        }
        String task = selectedTask.get();
        InstructionSet set = selectedSet.get();
        TaskTemplates t;
        if (task == null || set == null || !set.tasks().containsKey(task)) {
            t = TaskTemplates.IDENTITY;
            description.set(set == null ? "No instruction set" : "");
        } else {
            t = drafts.getOrDefault(task, TaskTemplates.of(set.tasks().get(task)));
            description.set(set.tasks().get(task).description());
        }
        applying = true;
        try {
            queryTemplate.set(t.query());
            documentTemplate.set(t.document());
            instruction.set(t.instruction());
            excludeFromPooling.set(t.excludeInstructionFromPooling());
        } finally {
            applying = false;
        }
        validate();
        updateFlags();
    }

    private void edited(String field) {
        if (applying) {
            return;
        }
        String task = selectedTask.get();
        InstructionSet set = selectedSet.get();
        if (task == null || set == null || !set.tasks().containsKey(task)) {
            validate();
            return;
        }
        TaskTemplates now = current();
        history.record(state(), field);
        if (now.equals(TaskTemplates.of(set.tasks().get(task)))) {
            drafts.remove(task);
        } else {
            drafts.put(task, now);
        }
        editedAt.set(clock.getAsLong());
        validate();
        afterDraftsChanged(true);
    }

    private void afterDraftsChanged(boolean scheduleAutosave) {
        updateFlags();
        InstructionSet set = selectedSet.get();
        if (scheduleAutosave && set != null) {
            debouncer.schedule("autosave", this::autosaveNow);
        }
    }

    private void updateFlags() {
        dirty.set(!drafts.isEmpty());
        taskDirty.set(selectedTask.get() != null && drafts.containsKey(selectedTask.get()));
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
    }

    private void validate() {
        TaskTemplates t = current();
        String qe = check(t, Side.QUERY);
        String de = check(t, Side.DOCUMENT);
        queryError.set(qe);
        documentError.set(de);
        compiled.set(qe.isEmpty() && de.isEmpty() ? t.compile() : null);
    }

    private static String check(TaskTemplates t, Side side) {
        try {
            t.parse(side);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
