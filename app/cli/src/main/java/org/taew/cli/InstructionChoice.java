package org.taew.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taew.core.logic.instructions.InstructionFileReader;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.Template;
import org.taew.core.util.WorkbenchException;

/**
 * Picks the task-aware instructions of a model and task: from a named file, the library, or the
 * model's prompts.
 */
final class InstructionChoice {
    final Path source;
    final TaskInstructions task;

    private InstructionChoice(Path source, TaskInstructions task) {
        this.source = source;
        this.task = task;
    }

    static InstructionChoice resolve(
            ModelSpec model, String taskName, Path file, CommonOptions common)
            throws WorkbenchException {
        InstructionSet set;
        if (file != null) {
            set = InstructionFileReader.read(file);
        } else {
            InstructionLibrary library = common.instructions();
            set = library.forModel(model).orElse(null);
            if (set == null && !model.prompts().isEmpty()) {
                return fromPrompts(model, taskName);
            }
            if (set == null) {
                throw WorkbenchException.badInput(
                        "No instruction file in "
                                + library.dir()
                                + " lists model "
                                + model.name()
                                + " or family \""
                                + model.family()
                                + "\": create one (see docs/formats.md), pass --instructions FILE, or use"
                                + " --mode general");
            }
        }
        TaskInstructions task =
                set.task(taskName)
                        .orElseThrow(
                                () ->
                                        WorkbenchException.badInput(
                                                set.source()
                                                        + " has no task \""
                                                        + taskName
                                                        + "\"; its tasks are "
                                                        + String.join(", ", set.tasks().keySet())));
        return new InstructionChoice(set.source(), task);
    }

    /**
     * sentence-transformers prompts as a task: {@code query} on the query side, {@code passage} or
     * {@code document} on the document side; for other task names a prompt of that name on both
     * sides.
     */
    private static InstructionChoice fromPrompts(ModelSpec model, String taskName)
            throws WorkbenchException {
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
                    model.dir().resolve("config_sentence_transformers.json")
                            + " has no prompt for task \""
                            + taskName
                            + "\" nor a \"query\" prompt; its prompts are "
                            + p.keySet());
        }
        InstructionPair pair =
                new InstructionPair(
                        Template.parse(q.replace("{", "{{").replace("}", "}}") + "{text}"),
                        Template.parse(d.replace("{", "{{").replace("}", "}}") + "{text}"),
                        false);
        return new InstructionChoice(
                model.dir().resolve("config_sentence_transformers.json"),
                new TaskInstructions(taskName, "prompts of the model folder", pair));
    }

    /** The modes to run with their instructions. */
    static Map<Mode, InstructionPair> modes(String modeOption, InstructionChoice choice) {
        Map<Mode, InstructionPair> modes = new LinkedHashMap<>();
        if (!modeOption.equals("task-aware")) {
            modes.put(Mode.GENERAL, InstructionPair.GENERAL);
        }
        if (!modeOption.equals("general")) {
            modes.put(Mode.TASK_AWARE, choice.task.instructions());
        }
        return modes;
    }
}
