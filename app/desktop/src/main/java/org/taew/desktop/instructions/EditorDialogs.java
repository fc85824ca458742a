package org.taew.desktop.instructions;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.taew.core.model.InstructionSet;
import org.taew.core.util.WorkbenchException;
import org.taew.desktop.util.DialogService;

/** The instruction editor's dialogs: restore autosaved edits, a new set's name, a failed save. */
final class EditorDialogs {
    private EditorDialogs() {}

    /**
     * Offers the autosaved edits of {@code set}, if any: restores them (returns their tasks) or
     * discards them (returns empty); an unreadable autosave is reported and left alone.
     */
    static Optional<List<String>> offerAutosave(
            InstructionDraft draft, DialogService dialogs, InstructionSet set) {
        Optional<AutosaveStore.Drafts> found;
        try {
            found = draft.autosaved();
        } catch (WorkbenchException e) {
            dialogs.showError("Autosaved edits cannot be read", e.getMessage(), null);
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.empty();
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
                                + String.join(", ", found.get().tasks().keySet())
                                + "; autosaved "
                                + when
                                + "). Restore them? If you discard them, the file stays as it is.",
                        "Restore",
                        "Discard");
        if (!restore) {
            draft.discardAutosave();
            return Optional.empty();
        }
        return Optional.of(draft.restore(found.get()));
    }

    /**
     * Asks the name of a new set (suggesting {@code family-tuned}); a name that is not valid or is
     * taken is reported and none returned.
     */
    static Optional<String> askNewName(
            InstructionDraft draft, DialogService dialogs, String family) {
        Optional<String> name =
                dialogs.askText(
                        "Save as new instruction set",
                        "Name of the new set (letters, digits, '-', '_', '.'):",
                        family + "-tuned");
        if (name.isEmpty()) {
            return name;
        }
        String problem = draft.checkNewName(name.get());
        if (problem != null) {
            dialogs.showError(
                    problem.startsWith("\"") ? "Not a valid name" : "The set exists",
                    problem,
                    null);
            return Optional.empty();
        }
        return name;
    }

    /** Saving {@code set} failed: says why, and that the edits are kept. */
    static void saveFailed(DialogService dialogs, InstructionSet set, WorkbenchException e) {
        dialogs.showError(
                "Cannot save " + set.source().getFileName(),
                e.getMessage()
                        + "\nYour edits are kept (and autosaved); fix the problem and save"
                        + " again, or use Save as new set.",
                e);
    }
}
