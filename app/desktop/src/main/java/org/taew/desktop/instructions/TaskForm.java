package org.taew.desktop.instructions;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Side;
import org.taew.core.model.TaskTemplates;

/**
 * The task on screen in the instruction editor: its four fields as the user edits them, what is
 * wrong with each template, the token preview of each side, and the instructions they compile to.
 */
public final class TaskForm {
    private final StringProperty queryTemplate = new SimpleStringProperty("");
    private final StringProperty documentTemplate = new SimpleStringProperty("");
    private final StringProperty instruction = new SimpleStringProperty("");
    private final BooleanProperty excludeFromPooling = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper documentError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryCost = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper documentCost = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<InstructionPair> compiled = new ReadOnlyObjectWrapper<>();
    private boolean showing;

    /**
     * @param edited called with the field's name when the user (not {@link #show}) edits it
     */
    TaskForm(Consumer<String> edited) {
        queryTemplate.addListener((o, a, b) -> changed(edited, "query"));
        documentTemplate.addListener((o, a, b) -> changed(edited, "document"));
        instruction.addListener((o, a, b) -> changed(edited, "instruction"));
        excludeFromPooling.addListener((o, a, b) -> changed(edited, "exclude"));
    }

    private void changed(Consumer<String> edited, String field) {
        if (!showing) {
            edited.accept(field);
        }
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

    /** The task-aware instructions on screen, parsed; null while a template is invalid. */
    public ReadOnlyObjectProperty<InstructionPair> compiledProperty() {
        return compiled.getReadOnlyProperty();
    }

    public void setCost(Side side, String text) {
        (side == Side.QUERY ? queryCost : documentCost).set(text);
    }

    /** The four fields as they are. */
    public TaskTemplates current() {
        return new TaskTemplates(
                queryTemplate.get(),
                documentTemplate.get(),
                instruction.get(),
                excludeFromPooling.get());
    }

    /** Puts a task's templates on screen (not an edit) and checks them. */
    void show(TaskTemplates t, String describedAs) {
        showing = true;
        try {
            description.set(describedAs);
            queryTemplate.set(t.query());
            documentTemplate.set(t.document());
            instruction.set(t.instruction());
            excludeFromPooling.set(t.excludeInstructionFromPooling());
        } finally {
            showing = false;
        }
        validate();
    }

    /** Checks both templates: an error per side, the compiled instructions when both parse. */
    void validate() {
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
