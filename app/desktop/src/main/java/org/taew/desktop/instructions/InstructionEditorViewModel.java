package org.taew.desktop.instructions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TaskTemplates;
import org.taew.core.model.TemplateSource;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.DialogService;

/**
 * The instruction editor: one instruction set at a time (a file, or a model's prompts), its tasks,
 * and for the selected task the query and document templates, the task instruction and the pooling
 * flag. Edits are drafts until saved ({@link InstructionDraft}): they are marked dirty, undoable,
 * autosaved, and offered back after a crash. This class binds them to the view.
 */
public final class InstructionEditorViewModel {
    private final Path dir;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final LongSupplier clock;
    private final InstructionDraft draft;
    private final TemplateSourceLine templates = new TemplateSourceLine();

    private final ObservableList<InstructionSet> sets = FXCollections.observableArrayList();
    private final ObjectProperty<InstructionSet> selectedSet = new SimpleObjectProperty<>();
    private final ObservableList<String> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedTask = new SimpleObjectProperty<>();
    private final TaskForm form = new TaskForm(this::edited);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper taskDirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper editedAt = new ReadOnlyLongWrapper();

    private boolean applying;

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
        this.draft = new InstructionDraft(instructionsDir, autosaveFallbackDir, clock);
        selectedTask.addListener((o, a, b) -> showTask());
        selectedSet.addListener((o, a, b) -> openSet(a, b));
        selectedSet.addListener((o, a, b) -> templates.show(b, dirty.get()));
        dirty.addListener((o, a, b) -> templates.show(selectedSet.get(), b));
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

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "Task-aware templates: …": where the templates on screen come from, one line. */
    public ReadOnlyStringProperty templateSourceProperty() {
        return templates.lineProperty();
    }

    /** The same line with each file as folder/name, for the status bar. */
    public ReadOnlyStringProperty templateSourceBriefProperty() {
        return templates.briefProperty();
    }

    /** Where the templates on screen come from (null with no set open). */
    public TemplateSource templateSource() {
        return templates.current();
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

    /** Whether Save can write the set back: it is an instruction file and has edits. */
    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    /** Clock reading (nanoseconds) of the last edit by the user, for edit-to-update latency. */
    public ReadOnlyLongProperty editedAtProperty() {
        return editedAt.getReadOnlyProperty();
    }

    /** The task on screen: its fields, errors, token preview and compiled instructions. */
    public TaskForm form() {
        return form;
    }

    // ---- actions ----

    /**
     * Reads the instruction files and opens {@code chosen}: a file among them, or a model's prompts
     * or an empty set (listed too, and never written). Unsaved edits found from an earlier run are
     * offered back. Which set a model gets is core's rule (InstructionSources).
     *
     * @param task the task to show when the set has it
     */
    public void load(InstructionSet chosen, String task) {
        load(chosen, null, task);
    }

    /**
     * As {@link #load(InstructionSet, String)}, with core's reason for the choice ({@link
     * org.taew.core.logic.session.SessionSetup#templateSource}) for the status line.
     */
    public void load(InstructionSet chosen, TemplateSource source, String task) {
        templates.opened(chosen, source);
        InstructionLibrary library;
        try {
            library = InstructionLibrary.load(dir);
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot read the instruction files", e.getMessage(), e);
            return;
        }
        InstructionSet keep = selectedSet.get();
        ListedSets listed = ListedSets.of(library, chosen);
        InstructionSet pick = listed.pick();
        applying = true;
        try {
            sets.setAll(listed.all());
        } finally {
            applying = false;
        }
        if (pick != null && keep != null && pick.equals(keep)) {
            // the same set: keep the drafts on screen. A ComboBox over `sets` clears its value
            // when its items are replaced, which clears the selected set through the binding
            // (ignored above while applying): put it back without reopening the set
            if (selectedSet.get() == null) {
                applying = true;
                try {
                    selectedSet.set(pick);
                } finally {
                    applying = false;
                }
            }
            selectTask(task);
            return;
        }
        selectedSet.set(pick);
        selectTask(task);
    }

    private void selectTask(String task) {
        if (task != null && tasks.contains(task)) {
            selectedTask.set(task);
        }
    }

    public void undo() {
        if (!draft.canUndo()) {
            return;
        }
        show(draft.undo(selectedTask.get()));
    }

    public void redo() {
        if (!draft.canRedo()) {
            return;
        }
        show(draft.redo(selectedTask.get()));
    }

    /** Drops every unsaved edit of the set (undoable). */
    public void revert() {
        if (!draft.revert(selectedTask.get())) {
            return;
        }
        afterDraftsChanged(true);
        showTask();
        status.set("Reverted to the saved file");
    }

    /**
     * Puts {@code t} into the selected task as one edit (undoable, autosaved, evaluated like
     * typing): an experiment's variant or a run from the history. Returns false, saying why in the
     * status, when no task of an instruction set is open.
     *
     * @param from what the templates come from, for the status
     */
    public boolean apply(TaskTemplates t, String from) {
        String task = selectedTask.get();
        if (selectedSet.get() == null || !draft.hasTask(task)) {
            status.set("Open an instruction set and a task to load " + from + " into");
            return false;
        }
        form.show(t, selectedSet.get().tasks().get(task).description());
        // its own undo step: not merged with typing before it
        draft.edit(task, null, form.current());
        editedAt.set(clock.getAsLong());
        afterDraftsChanged(true);
        templates.applied(from);
        status.set("Loaded " + from + " into " + task);
        return true;
    }

    /** Writes the edits into the file (atomic). Returns whether it was saved. */
    public boolean save() {
        InstructionSet set = selectedSet.get();
        if (set == null || !draft.isDirty() || !draft.canSave()) {
            return false;
        }
        try {
            InstructionSet reread = draft.save();
            replaceSet(set, reread);
            afterDraftsChanged(false);
            status.set("Saved " + set.source().getFileName());
            return true;
        } catch (WorkbenchException e) {
            EditorDialogs.saveFailed(dialogs, set, e);
            return false;
        }
    }

    /**
     * Saves the set's tasks with the edits applied as a new instruction file in the same folder,
     * and opens it; the original stays as it was.
     */
    public boolean saveAsNew() {
        InstructionSet set = selectedSet.get();
        if (set == null) {
            return false;
        }
        Optional<String> name = EditorDialogs.askNewName(draft, dialogs, set.family());
        if (name.isEmpty()) {
            return false;
        }
        try {
            InstructionSet created = draft.saveAsNew(name.get());
            sets.add(created);
            sets.sort((a, b) -> a.source().getFileName().compareTo(b.source().getFileName()));
            String task = selectedTask.get();
            selectedSet.set(created);
            selectTask(task);
            status.set("Saved as " + created.source().getFileName());
            return true;
        } catch (WorkbenchException e) {
            dialogs.showError("Cannot save the new set", e.getMessage(), e);
            return false;
        }
    }

    /** Writes the drafts to the autosave now (the view calls it on close, too). */
    public void autosaveNow() {
        try {
            draft.autosaveNow();
        } catch (WorkbenchException e) {
            status.set("Autosave failed: " + e.getMessage());
        }
    }

    // ---- internals ----

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
        if (before != null && draft.isDirty()) {
            // switching sets keeps the edits of the one left in its autosave
            autosaveNow();
        }
        try {
            draft.open(set);
        } catch (IOException e) {
            dialogs.showError("Cannot read " + set.source().getFileName(), e.getMessage(), e);
        }
        applying = true;
        try {
            tasks.clear();
            if (set == null) {
                selectedTask.set(null);
                return;
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
        EditorDialogs.offerAutosave(draft, dialogs, set)
                .ifPresent(r -> status.set("Restored unsaved edits of " + String.join(", ", r)));
    }

    private void show(InstructionDraft.State s) {
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
        if (set == null || !draft.hasTask(task)) {
            form.show(TaskTemplates.IDENTITY, set == null ? "No instruction set" : "");
        } else {
            form.show(draft.templates(task), set.tasks().get(task).description());
        }
        updateFlags();
    }

    private void edited(String field) {
        if (applying) {
            return;
        }
        String task = selectedTask.get();
        if (!draft.hasTask(task)) {
            form.validate();
            return;
        }
        draft.edit(task, field, form.current());
        editedAt.set(clock.getAsLong());
        form.validate();
        afterDraftsChanged(true);
    }

    private void afterDraftsChanged(boolean scheduleAutosave) {
        updateFlags();
        if (scheduleAutosave && selectedSet.get() != null) {
            debouncer.schedule("autosave", this::autosaveNow);
        }
    }

    private void updateFlags() {
        dirty.set(draft.isDirty());
        taskDirty.set(draft.isDirty(selectedTask.get()));
        canUndo.set(draft.canUndo());
        canRedo.set(draft.canRedo());
        canSave.set(draft.isDirty() && draft.canSave());
    }
}
