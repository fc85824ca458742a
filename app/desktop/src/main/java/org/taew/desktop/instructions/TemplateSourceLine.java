package org.taew.desktop.instructions;

import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.taew.core.logic.instructions.InstructionSources;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TemplateSource;

/**
 * The status line saying where the editor's task-aware templates come from: the set core chose when
 * the session opened (with core's reason), a set chosen in the Set box, an experiment variant
 * loaded into the editor, and whether there are unsaved edits.
 */
final class TemplateSourceLine {
    static final String CHOSEN = "chosen in the Set box";

    private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper brief = new ReadOnlyStringWrapper("");
    private InstructionSet opened;
    private TemplateSource openedSource;
    private InstructionSet selected;
    private boolean dirty;
    private String applied;

    ReadOnlyStringProperty lineProperty() {
        return line.getReadOnlyProperty();
    }

    /** The line with files named by their folder and name only, for a status bar. */
    ReadOnlyStringProperty briefProperty() {
        return brief.getReadOnlyProperty();
    }

    /** The set core chose for the session and why; null source: core's choice, reason unknown. */
    void opened(InstructionSet set, TemplateSource source) {
        opened = set;
        openedSource = source;
        applied = null;
        refresh();
    }

    /** The set on screen and whether it has unsaved edits. */
    void show(InstructionSet set, boolean unsaved) {
        if (!same(set, selected) || !unsaved) {
            applied = null;
        }
        selected = set;
        dirty = unsaved;
        refresh();
    }

    /** Templates loaded into the editor as an edit, e.g. "variant short-query". */
    void applied(String from) {
        applied = from;
        refresh();
    }

    /** The source of the set on screen, as the line states it. */
    TemplateSource source() {
        if (selected == null) {
            return null;
        }
        boolean isOpened = same(selected, opened);
        if (isOpened && openedSource != null) {
            return openedSource;
        }
        String why = isOpened ? "" : CHOSEN;
        return switch (selected.origin()) {
            case FILE -> InstructionSources.fileSource(selected.source(), why);
            case MODEL_PROMPTS ->
                    new TemplateSource(
                            TemplateSource.Kind.MODEL_PROMPTS, selected.source().toString(), why);
            case EMPTY -> InstructionSources.emptySource();
        };
    }

    /** Where the templates on screen come from, edits and loaded variants included. */
    TemplateSource current() {
        TemplateSource s = source();
        if (s == null) {
            return null;
        }
        if (applied != null && dirty) {
            return new TemplateSource(
                    TemplateSource.Kind.EXPERIMENT_VARIANT,
                    applied.replaceFirst("^variant ", ""),
                    "loaded into the editor, unsaved; over " + shortened(s).describe());
        }
        if (dirty) {
            return s.because((s.why().isEmpty() ? "" : s.why() + "; ") + "with unsaved edits");
        }
        return s;
    }

    /** The same set: the same file (or prompts file) of the same kind, whatever its edits. */
    private static boolean same(InstructionSet a, InstructionSet b) {
        return a != null
                && b != null
                && a.origin() == b.origin()
                && Objects.equals(a.source(), b.source());
    }

    private void refresh() {
        TemplateSource s = current();
        line.set(s == null ? "" : s.line());
        brief.set(s == null ? "" : shortened(s).line());
    }

    /** {@code s} with its file (and, within it, the one it is "over") as folder/name. */
    static TemplateSource shortened(TemplateSource s) {
        if (s.kind() == TemplateSource.Kind.EXPERIMENT_VARIANT) {
            return s;
        }
        if (s.where() == null || s.where().isEmpty()) {
            return s;
        }
        Path p = Path.of(s.where());
        Path folder = p.getParent() == null ? null : p.getParent().getFileName();
        String where = folder == null ? p.getFileName().toString() : folder + "/" + p.getFileName();
        return new TemplateSource(s.kind(), where, s.why());
    }
}
