package org.taew.core.logic.instructions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.Template;
import org.taew.core.util.WorkbenchException;

/**
 * Which instructions a model's task-aware mode uses — one rule for the command line and the
 * desktop: an instruction file the user names; else the file of {@code instructions/} that lists
 * the model, or its family; else the model folder's sentence-transformers prompts ({@code
 * config_sentence_transformers.json}); else none, which is an error unless only general mode is
 * evaluated.
 */
public final class InstructionSources {
    static final String PROMPTS_FILE = "config_sentence_transformers.json";
    private static final Set<String> SIDE_PROMPTS = Set.of("query", "passage", "document");

    private InstructionSources() {}

    /**
     * The set for {@code model}; {@code wantedTasks} are tasks a set made from prompts must have
     * (they are derived by the prompts rule, see {@link #promptTask}).
     *
     * @param file an instruction file the user named, or null
     * @return the set, or null when the model has neither a file nor prompts
     */
    public static InstructionSet forModel(
            ModelSpec model, Path file, InstructionLibrary library, List<String> wantedTasks)
            throws WorkbenchException {
        if (file != null) {
            return InstructionFileReader.read(file);
        }
        InstructionSet set = library.forModel(model).orElse(null);
        if (set != null) {
            return set;
        }
        return model.prompts().isEmpty() ? null : fromPrompts(model, wantedTasks);
    }

    /**
     * A set with no instruction for a model that has neither a file nor prompts: the task's
     * templates are {@code {text}} on both sides, so task-aware mode starts equal to general mode.
     *
     * @param dir the instructions folder a saved version would go to
     */
    public static InstructionSet empty(ModelSpec model, String task, Path dir) {
        return new InstructionSet(
                model.family(),
                dir.resolve(model.family() + ".yaml"),
                List.of(model.name()),
                Map.of(
                        task,
                        new TaskInstructions(
                                task,
                                "no instruction yet: edit and Save as new set",
                                InstructionPair.GENERAL)),
                InstructionSet.Origin.EMPTY);
    }

    /** Why there is no set for a model, and what to do. */
    public static String noSetMessage(ModelSpec model, InstructionLibrary library) {
        return "No instruction file in "
                + library.dir()
                + " lists model "
                + model.name()
                + " or family \""
                + model.family()
                + "\", and the model folder has no sentence-transformers prompts: create one (see"
                + " docs/formats.md), pass --instructions FILE, or use --mode general";
    }

    /** A task of a set, or an error naming the set's tasks. */
    public static TaskInstructions task(InstructionSet set, String name) throws WorkbenchException {
        TaskInstructions t = set.tasks().get(name);
        if (t == null) {
            throw WorkbenchException.badInput(
                    set.source()
                            + " has no task \""
                            + name
                            + "\"; its tasks are "
                            + String.join(", ", set.tasks().keySet()));
        }
        return t;
    }

    /**
     * The prompts of a model folder as an instruction set: each wanted task, a {@code retrieval}
     * task when there is a {@code query} prompt, and a symmetric task for each other named prompt.
     */
    public static InstructionSet fromPrompts(ModelSpec model, List<String> wantedTasks)
            throws WorkbenchException {
        Map<String, String> p = model.prompts();
        Map<String, TaskInstructions> tasks = new LinkedHashMap<>();
        for (String t : wantedTasks) {
            tasks.put(t, promptTask(model, t));
        }
        if (p.containsKey("query") && !tasks.containsKey("retrieval")) {
            tasks.put("retrieval", promptTask(model, "retrieval"));
        }
        for (String name : p.keySet()) {
            if (!SIDE_PROMPTS.contains(name) && !tasks.containsKey(name)) {
                tasks.put(name, promptTask(model, name));
            }
        }
        return new InstructionSet(
                model.family(),
                model.dir().resolve(PROMPTS_FILE),
                List.of(model.name()),
                tasks,
                InstructionSet.Origin.MODEL_PROMPTS);
    }

    /**
     * sentence-transformers prompts as a task: a prompt named like the task on both sides; else
     * {@code query} on the query side and {@code passage} or {@code document} (or nothing) on the
     * document side.
     */
    static TaskInstructions promptTask(ModelSpec model, String taskName) throws WorkbenchException {
        Map<String, String> p = model.prompts();
        String q;
        String d;
        if (p.containsKey(taskName)) {
            q = p.get(taskName);
            d = p.get(taskName);
        } else if (p.containsKey("query")) {
            q = p.get("query");
            d = p.getOrDefault("passage", p.getOrDefault("document", ""));
        } else {
            throw WorkbenchException.badInput(
                    model.dir().resolve(PROMPTS_FILE)
                            + " has no prompt for task \""
                            + taskName
                            + "\" nor a \"query\" prompt; its prompts are "
                            + p.keySet());
        }
        InstructionPair pair = new InstructionPair(prefix(q), prefix(d), !model.includePrompt());
        return new TaskInstructions(taskName, "prompts of the model folder", pair);
    }

    /** A prompt as a template: the prompt's text (braces kept literally), then the input. */
    private static Template prefix(String prompt) {
        return Template.parse(prompt.replace("{", "{{").replace("}", "}}") + "{text}");
    }
}
