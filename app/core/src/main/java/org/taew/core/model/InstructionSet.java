package org.taew.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instructions of one model family, as read from a file in {@code instructions/}.
 *
 * @param family family name, e.g. {@code e5}
 * @param models the model names this file applies to
 * @param tasks tasks by name, in file order
 */
public record InstructionSet(
        String family, Path source, List<String> models, Map<String, TaskInstructions> tasks) {
    public InstructionSet {
        models = List.copyOf(models);
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
    }

    public Optional<TaskInstructions> task(String name) {
        return Optional.ofNullable(tasks.get(name));
    }
}
