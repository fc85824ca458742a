package org.taew.core.logic.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.TemplateSource;
import org.taew.core.testing.ShippedWorkspace;
import org.taew.core.testing.TinyModels;

/**
 * Whose templates task-aware mode uses: a folder's own prompts win over a family file guessed from
 * the folder's name; a declared family or a file the user names wins over them; each choice says
 * where it came from and why.
 */
class InstructionSourcesTest {
    @TempDir Path dir;

    InstructionLibrary library;
    Path qwen3File;
    Path model;

    @BeforeEach
    void setUp() throws Exception {
        Path instructions = dir.resolve("instructions");
        ShippedWorkspace.copy("instructions", instructions);
        library = InstructionLibrary.load(instructions);
        qwen3File = instructions.resolve("qwen3.yaml");
        // a fine-tuned Qwen3 whose folder name says so, with prompts of its own
        model = TinyModels.copy("st6-qwen3", dir.resolve("models"));
    }

    private InstructionSources.Chosen choose(Path named) throws Exception {
        ModelSpec spec = ModelFolderReader.read(model);
        return InstructionSources.choose(spec, named, library, List.of("retrieval"));
    }

    @Test
    void theFoldersOwnPromptsWinOverAFamilyGuessedFromItsName() throws Exception {
        ModelSpec spec = ModelFolderReader.read(model);
        assertThat(spec.family()).isEqualTo("qwen3");
        assertThat(spec.familyGuessed()).isTrue();
        InstructionSources.Chosen c = choose(null);
        assertThat(c.source())
                .isEqualTo(
                        new TemplateSource(
                                TemplateSource.Kind.MODEL_PROMPTS,
                                model.resolve("config_sentence_transformers.json").toString(),
                                "the model folder's own; qwen3.yaml matches the folder's name but"
                                        + " applies only when chosen"));
        assertThat(c.set().tasks().get("retrieval").instructions().query().source())
                .isEqualTo(
                        "Instruct: Given a web search query, retrieve relevant passages that answer"
                                + " the query\nQuery:{text}");
    }

    @Test
    void aFileTheUserNamesApplies() throws Exception {
        InstructionSources.Chosen c = choose(qwen3File);
        assertThat(c.set().source()).isEqualTo(qwen3File);
        assertThat(c.source().line())
                .isEqualTo(
                        "Task-aware templates: instruction file "
                                + qwen3File
                                + " (named with --instructions)");
    }

    @Test
    void aDeclaredFamilysFileWinsOverThePrompts() throws Exception {
        Files.writeString(
                model.resolve(ModelFolderReader.DESCRIPTOR),
                "{\"family\": \"qwen3\"}",
                StandardCharsets.UTF_8);
        InstructionSources.Chosen c = choose(null);
        assertThat(c.set().source()).isEqualTo(qwen3File);
        assertThat(c.source().why())
                .isEqualTo("family \"qwen3\" declared in the model's taew-model.json");
    }

    @Test
    void withoutPromptsTheGuessedFamilysFileAppliesAndSaysItWasGuessed() throws Exception {
        Files.writeString(model.resolve("config_sentence_transformers.json"), "{}");
        InstructionSources.Chosen c = choose(null);
        assertThat(c.set().source()).isEqualTo(qwen3File);
        assertThat(c.source().why())
                .isEqualTo(
                        "family \"qwen3\" guessed from the folder's name; the model folder has no"
                                + " prompts of its own");
    }

    @Test
    void promptsLeftEmptyAsSentenceTransformersSavesThemByDefaultAreNoStatement() throws Exception {
        // what SentenceTransformer.save writes when no prompts were set
        Files.writeString(
                model.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"document\": \"\", \"query\": \"\"}, \"default_prompt_name\": null}");
        InstructionSources.Chosen c = choose(null);
        assertThat(c.set().source()).isEqualTo(qwen3File);
        assertThat(c.source().why())
                .isEqualTo(
                        "family \"qwen3\" guessed from the folder's name; the model folder's prompts"
                                + " are all empty (sentence-transformers' default)");
        // prompts with nothing for the task give way to the family's file too
        Files.writeString(
                model.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"clustering\": \"Identify the topic: \"}}");
        c = choose(null);
        assertThat(c.set().source()).isEqualTo(qwen3File);
        assertThat(c.source().why())
                .endsWith(
                        "the model folder's prompts have none for task \"retrieval\" nor a query"
                                + " prompt");
    }

    @Test
    void aFileListingTheFoldersNameDoesNotOverrideItsPrompts() throws Exception {
        Path listing = library.dir().resolve("mine.yaml");
        Files.writeString(
                listing,
                Files.readString(qwen3File, StandardCharsets.UTF_8)
                        .replace("family: qwen3", "family: mine")
                        .replace("models: [", "models: [tiny-st6-qwen3, "),
                StandardCharsets.UTF_8);
        library = InstructionLibrary.load(library.dir());
        InstructionSources.Chosen c = choose(null);
        assertThat(c.source().kind()).isEqualTo(TemplateSource.Kind.MODEL_PROMPTS);
        assertThat(c.source().why()).contains("mine.yaml matches the folder's name");
        Files.writeString(model.resolve("config_sentence_transformers.json"), "{}");
        c = choose(null);
        assertThat(c.set().source()).isEqualTo(listing);
        assertThat(c.source().why())
                .isEqualTo(
                        "it lists model \"tiny-st6-qwen3\"; the model folder has no prompts of its"
                                + " own");
    }
}
