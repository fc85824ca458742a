package org.taew.core.logic.instructions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TaskInstructions;
import org.taew.core.model.Template;
import org.taew.core.model.TemplateSource;
import org.taew.core.util.WorkbenchException;

/**
 * Which instructions a model's task-aware mode uses — one rule for the command line and the
 * desktop, in this order:
 *
 * <ol>
 *   <li>an instruction file the user names ({@code --instructions}; the desktop's Set box);
 *   <li>for a model whose family is declared (a bundled model, {@code family} in {@code
 *       taew-model.json}): the file of {@code instructions/} that lists the model, else its
 *       family's file;
 *   <li>the model folder's own sentence-transformers prompts ({@code
 *       config_sentence_transformers.json}): the model author's statement of how it was trained;
 *   <li>the file that lists the folder's name, else the file of the family guessed from it;
 *   <li>else none, which is an error unless only general mode is evaluated.
 * </ol>
 *
 * A guess from a folder's name never overrides the folder's own prompts. Each choice comes with its
 * {@link TemplateSource}, which every report prints.
 */
public final class InstructionSources {
    static final String PROMPTS_FILE = "config_sentence_transformers.json";
    private static final Set<String> SIDE_PROMPTS = Set.of("query", "passage", "document");

    private InstructionSources() {}

    /** A set and where it came from. */
    public record Chosen(InstructionSet set, TemplateSource source) {}

    /** Why a file the user named applies. */
    public static final String NAMED = "named with --instructions";

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
        Chosen c = choose(model, file, library, wantedTasks);
        return c == null ? null : c.set();
    }

    /** The set for {@code model} and why it applies (the rule above), or null when none does. */
    public static Chosen choose(
            ModelSpec model, Path file, InstructionLibrary library, List<String> wantedTasks)
            throws WorkbenchException {
        if (file != null) {
            return new Chosen(InstructionFileReader.read(file), fileSource(file, NAMED));
        }
        Optional<InstructionSet> listing = library.listing(model);
        Optional<InstructionSet> family = library.ofFamily(model.family());
        if (!model.familyGuessed()) {
            if (listing.isPresent()) {
                return libraryChoice(listing.get(), model, true, null);
            }
            if (family.isPresent()) {
                return libraryChoice(family.get(), model, false, null);
            }
        }
        String promptsGap = promptsGap(model, wantedTasks);
        if (promptsGap == null) {
            Optional<InstructionSet> passedOver = listing.or(() -> family);
            return new Chosen(
                    fromPrompts(model, wantedTasks),
                    new TemplateSource(
                            TemplateSource.Kind.MODEL_PROMPTS,
                            model.dir().resolve(PROMPTS_FILE).toString(),
                            "the model folder's own"
                                    + passedOver
                                            .map(
                                                    s ->
                                                            "; "
                                                                    + s.source().getFileName()
                                                                    + " matches the folder's name"
                                                                    + " but applies only when chosen")
                                            .orElse("")));
        }
        if (listing.isPresent()) {
            return libraryChoice(listing.get(), model, true, promptsGap);
        }
        if (family.isPresent()) {
            return libraryChoice(family.get(), model, false, promptsGap);
        }
        if (!model.prompts().isEmpty()) {
            // prompts that say nothing for the task: promptTask names what is missing
            return new Chosen(
                    fromPrompts(model, wantedTasks),
                    new TemplateSource(
                            TemplateSource.Kind.MODEL_PROMPTS,
                            model.dir().resolve(PROMPTS_FILE).toString(),
                            "the model folder's own; " + promptsGap));
        }
        return null;
    }

    /**
     * Null when the folder's prompts speak for every wanted task (a prompt named like the task, or
     * a {@code query} prompt) and are not all empty; else what they lack, as a reason. All-empty
     * prompts are what sentence-transformers saves when none were set ({@code {"query": "",
     * "document": ""}}), not a statement of the model's author.
     */
    static String promptsGap(ModelSpec model, List<String> wantedTasks) {
        Map<String, String> p = model.prompts();
        if (p.isEmpty()) {
            return "the model folder has no prompts of its own";
        }
        if (p.values().stream().allMatch(String::isEmpty)) {
            return "the model folder's prompts are all empty (sentence-transformers' default)";
        }
        for (String t : wantedTasks) {
            if (!p.containsKey(t) && !p.containsKey("query")) {
                return "the model folder's prompts have none for task \""
                        + t
                        + "\" nor a query prompt";
            }
        }
        return null;
    }

    /** An instruction file as a source, with the reason it applies. */
    public static TemplateSource fileSource(Path file, String why) {
        return new TemplateSource(TemplateSource.Kind.INSTRUCTION_FILE, file.toString(), why);
    }

    /**
     * A file of the library chosen for {@code model}, with why: it lists the model, or it is the
     * file of the model's family (declared, or guessed from the folder's name); and what the
     * folder's prompts lack when they were passed over for it ({@code promptsGap}, or null).
     */
    private static Chosen libraryChoice(
            InstructionSet set, ModelSpec model, boolean listsModel, String promptsGap) {
        String why =
                listsModel
                        ? "it lists model \"" + model.name() + "\""
                        : "family \""
                                + model.family()
                                + (model.familyGuessed()
                                        ? "\" guessed from the folder's name"
                                        : "\" declared in the model's "
                                                + ModelFolderReader.DESCRIPTOR);
        return new Chosen(
                set, fileSource(set.source(), promptsGap == null ? why : why + "; " + promptsGap));
    }

    /** The source of the set made for a model with neither a file nor prompts. */
    public static TemplateSource emptySource() {
        return new TemplateSource(
                TemplateSource.Kind.NONE,
                "",
                "no instruction file nor model prompts: task-aware mode starts equal to general");
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
