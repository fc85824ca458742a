package org.taew.core.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instructions of one model family, as read from a file in {@code instructions/}, or derived
 * from a model folder's sentence-transformers prompts.
 *
 * @param family family name, e.g. {@code e5}
 * @param source the instruction file, or the model folder's {@code
 *     config_sentence_transformers.json}
 * @param models the model names this file applies to
 * @param tasks tasks by name, in file order
 * @param origin whether {@code source} is an instruction file (which an editor may rewrite) or the
 *     model's own prompts (never written; save them as a new set)
 */
public record InstructionSet(
        String family,
        Path source,
        List<String> models,
        Map<String, TaskInstructions> tasks,
        Origin origin) {
    /** Where a set comes from. */
    public enum Origin {
        /** An instruction file in {@code instructions/} or given by the user. */
        FILE,
        /** The prompts of a model folder ({@code config_sentence_transformers.json}). */
        MODEL_PROMPTS,
        /** Nothing yet: the model has neither a file nor prompts (an editor starts from here). */
        EMPTY
    }

    /** Whether {@code source} is an instruction file that may be rewritten. */
    public boolean isFile() {
        return origin == Origin.FILE;
    }

    public InstructionSet {
        models = List.copyOf(models);
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    }

    /** A set read from an instruction file. */
    public InstructionSet(
            String family, Path source, List<String> models, Map<String, TaskInstructions> tasks) {
        this(family, source, models, tasks, Origin.FILE);
    }

    public Optional<TaskInstructions> task(String name) {
        return Optional.ofNullable(tasks.get(name));
    }
}
