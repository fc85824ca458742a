package org.taew.core.model;

/**
 * One task of an instruction set: its name, a description for people, the task instruction that
 * fills a template's {@code {task}} placeholder ({@code ""} when the file gives none), and the
 * templates. The template sources ({@code instructions().query().source()}) keep the placeholders,
 * so an editor can show and write back what the file says.
 */
public record TaskInstructions(
        String name, String description, String instruction, InstructionPair instructions) {
    public TaskInstructions {
        description = description == null ? "" : description;
        instruction = instruction == null ? "" : instruction;
    }

    public TaskInstructions(String name, String description, InstructionPair instructions) {
        this(name, description, "", instructions);
    }
}
