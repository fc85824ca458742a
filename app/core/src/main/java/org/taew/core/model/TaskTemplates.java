package org.taew.core.model;

import java.util.Map;

/**
 * The editable text of one task, as written in an instruction file: the query and document template
 * sources, the task instruction that fills {@code {task}}, and the pooling flag.
 */
public record TaskTemplates(
        String query, String document, String instruction, boolean excludeInstructionFromPooling) {
    /** No instruction on either side: what general mode uses. */
    public static final TaskTemplates IDENTITY = new TaskTemplates("{text}", "{text}", "", false);

    public TaskTemplates {
        query = query == null ? "" : query;
        document = document == null ? "" : document;
        instruction = instruction == null ? "" : instruction;
    }

    public static TaskTemplates of(TaskInstructions task) {
        InstructionPair p = task.instructions();
        return new TaskTemplates(
                p.query().source(),
                p.document().source(),
                task.instruction(),
                p.excludeInstructionFromPooling());
    }

    public TaskTemplates withQuery(String q) {
        return new TaskTemplates(q, document, instruction, excludeInstructionFromPooling);
    }

    public TaskTemplates withDocument(String d) {
        return new TaskTemplates(query, d, instruction, excludeInstructionFromPooling);
    }

    public TaskTemplates withInstruction(String i) {
        return new TaskTemplates(query, document, i, excludeInstructionFromPooling);
    }

    public TaskTemplates withExclude(boolean e) {
        return new TaskTemplates(query, document, instruction, e);
    }

    public String source(Side side) {
        return side == Side.QUERY ? query : document;
    }

    public TaskTemplates with(Side side, String source) {
        return side == Side.QUERY ? withQuery(source) : withDocument(source);
    }

    /** The template of one side, parsed; the message of the exception names the side. */
    public Template parse(Side side) {
        Map<String, String> vars = instruction.isEmpty() ? Map.of() : Map.of("task", instruction);
        try {
            return Template.parse(source(side), vars);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    (side == Side.QUERY ? "query" : "document") + " template: " + e.getMessage(),
                    e);
        }
    }

    /** Both templates parsed; an {@link IllegalArgumentException} says which side is wrong. */
    public InstructionPair compile() {
        return new InstructionPair(
                parse(Side.QUERY), parse(Side.DOCUMENT), excludeInstructionFromPooling);
    }
}
