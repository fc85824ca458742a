package org.taew.desktop.instructions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.taew.core.logic.instructions.InstructionFileReader;
import org.taew.core.logic.instructions.InstructionFileWriter;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.TaskTemplates;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/**
 * The unsaved edits of one instruction set, without the toolkit: per task the templates that differ
 * from the set, undo and redo over them (a burst of typing in one field is one step), the autosave
 * beside the file, Save (only the changed values of the file are rewritten, comments stay,
 * atomically) and Save as new set. A set that is no file (a model's prompts, or nothing yet) is
 * never written: its drafts are autosaved in the home folder and kept by Save as new set.
 */
final class InstructionDraft {
    static final long COALESCE_NANOS = 1_000_000_000L;

    /** What undo restores: the drafts and the task on screen. */
    record State(Map<String, TaskTemplates> drafts, String task) {}

    private final Path dir;
    private final AutosaveStore autosave;
    private final EditHistory<State> history;
    private final Map<String, TaskTemplates> drafts = new LinkedHashMap<>();
    private InstructionSet set;
    private String savedContent = "";

    InstructionDraft(Path instructionsDir, Path autosaveFallbackDir, LongSupplier clock) {
        this.dir = instructionsDir;
        this.autosave = new AutosaveStore(autosaveFallbackDir);
        this.history = new EditHistory<>(clock, COALESCE_NANOS);
    }

    InstructionSet set() {
        return set;
    }

    /**
     * Starts on {@code next} with no drafts and no history; reads its file to rewrite it later.
     *
     * @throws IOException when the file cannot be read (the set is open all the same)
     */
    void open(InstructionSet next) throws IOException {
        set = next;
        drafts.clear();
        history.clear();
        savedContent = "";
        if (next != null && next.isFile()) {
            savedContent = Files.readString(next.source());
        }
    }

    /** The templates of a task: the draft, else the set's. */
    TaskTemplates templates(String task) {
        TaskTemplates d = drafts.get(task);
        return d != null ? d : TaskTemplates.of(set.tasks().get(task));
    }

    boolean hasTask(String task) {
        return set != null && task != null && set.tasks().containsKey(task);
    }

    /**
     * Records an edit of {@code field} in {@code task}: a draft when it differs from the set, none
     * when it is back to the set's templates.
     */
    void edit(String task, String field, TaskTemplates now) {
        history.record(state(task), field);
        if (now.equals(TaskTemplates.of(set.tasks().get(task)))) {
            drafts.remove(task);
        } else {
            drafts.put(task, now);
        }
    }

    State state(String task) {
        return new State(Map.copyOf(drafts), task);
    }

    boolean canUndo() {
        return history.canUndo();
    }

    boolean canRedo() {
        return history.canRedo();
    }

    /** Takes back the last step; returns the state to show (its task included). */
    State undo(String task) {
        return apply(history.undo(state(task)));
    }

    State redo(String task) {
        return apply(history.redo(state(task)));
    }

    private State apply(State s) {
        drafts.clear();
        drafts.putAll(s.drafts());
        return s;
    }

    /** Drops every draft (undoable); false when there was none. */
    boolean revert(String task) {
        if (drafts.isEmpty()) {
            return false;
        }
        history.record(state(task), null);
        drafts.clear();
        return true;
    }

    boolean isDirty() {
        return !drafts.isEmpty();
    }

    boolean isDirty(String task) {
        return task != null && drafts.containsKey(task);
    }

    /** Whether Save can write the set back (an instruction file). */
    boolean canSave() {
        return set != null && set.isFile();
    }

    /** Writes the drafts into the file; returns the set as saved. */
    InstructionSet save() throws WorkbenchException {
        String content = savedContent;
        for (Map.Entry<String, TaskTemplates> d : drafts.entrySet()) {
            content =
                    InstructionFileWriter.withTask(set.source(), content, d.getKey(), d.getValue());
        }
        AtomicFiles.writeString(set.source(), content);
        InstructionSet reread = InstructionFileReader.parse(set.source(), content);
        savedContent = content;
        drafts.clear();
        autosave.delete(set.source());
        set = reread;
        return reread;
    }

    /** Why a name cannot be a new set's, or null when it can. */
    String checkNewName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            return "\"" + name + "\" may hold only letters, digits, '_', '.' and '-'.";
        }
        Path target = dir.resolve(name + ".yaml");
        if (Files.exists(target)) {
            return target + " exists already; choose another name.";
        }
        return null;
    }

    /**
     * Writes the set's tasks with the drafts applied as a new file {@code <name>.yaml} beside the
     * others; the set it came from stays as it was. Returns the new set (not opened).
     */
    InstructionSet saveAsNew(String name) throws WorkbenchException {
        Path target = dir.resolve(name + ".yaml");
        String from =
                set.isFile()
                        ? set.source().getFileName().toString()
                        : set.origin() == InstructionSet.Origin.MODEL_PROMPTS
                                ? "the prompts of " + set.source().getParent().getFileName()
                                : "no instruction";
        String content =
                InstructionFileWriter.newFile(
                        target,
                        name,
                        "Copy of " + set.family() + " (" + from + ") with edits",
                        set.isFile() ? List.of() : set.models(),
                        set.tasks(),
                        drafts,
                        "Saved by the Task-Aware Embedding Workbench from " + from);
        AtomicFiles.writeString(target, content);
        InstructionSet created = InstructionFileReader.parse(target, content);
        autosave.delete(set.source());
        drafts.clear();
        history.clear();
        return created;
    }

    /** Writes the drafts to the autosave (an empty map removes it); returns where, or null. */
    Path autosaveNow() throws WorkbenchException {
        return set == null ? null : autosave.write(set.source(), drafts, set.isFile());
    }

    /** Drafts autosaved by an earlier run that differ from the set, and when they were saved. */
    Optional<AutosaveStore.Drafts> autosaved() throws WorkbenchException {
        Optional<AutosaveStore.Drafts> found = autosave.read(set.source());
        if (found.isEmpty()) {
            return found;
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
            return Optional.empty();
        }
        return Optional.of(
                new AutosaveStore.Drafts(differing, found.get().savedAt(), found.get().location()));
    }

    /** Takes back autosaved drafts of the set's tasks; returns their task names. */
    List<String> restore(AutosaveStore.Drafts found) {
        for (Map.Entry<String, TaskTemplates> e : found.tasks().entrySet()) {
            if (set.tasks().containsKey(e.getKey())) {
                drafts.put(e.getKey(), e.getValue());
            }
        }
        return List.copyOf(found.tasks().keySet());
    }

    void discardAutosave() {
        autosave.delete(set.source());
    }
}
