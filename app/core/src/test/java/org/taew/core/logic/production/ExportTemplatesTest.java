package org.taew.core.logic.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Template;
import org.taew.core.model.TemplateSource;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.WorkbenchException;

class ExportTemplatesTest {
    @TempDir Path tmp;
    ModelSpec model;
    InstructionLibrary library;
    Path experiment;

    @BeforeEach
    void setUp() throws Exception {
        model = ModelFolderReader.read(TinyModels.copy("bert", tmp));
        Path instructions = Files.createDirectories(tmp.resolve("instructions"));
        Files.writeString(
                instructions.resolve("tiny.yaml"),
                "family: tiny\n"
                        + "tasks:\n"
                        + "  retrieval:\n"
                        + "    query: \"query: {text}\"\n"
                        + "    document: \"passage: {text}\"\n"
                        + "  similarity:\n"
                        + "    query: \"same: {text}\"\n"
                        + "    document: \"same: {text}\"\n");
        library = InstructionLibrary.load(instructions);
        experiment = tmp.resolve("experiment.yaml");
        Files.writeString(
                experiment,
                "datasets: [helpdesk-mini]\n"
                        + "task: similarity\n"
                        + "dimensions: [16]\n"
                        + "variants:\n"
                        + "  - name: asked\n"
                        + "    families: [tiny]\n"
                        + "    query: \"{task} {text}\"\n"
                        + "    document: \"{text}\"\n"
                        + "    instruction: \"Find the answer:\"\n"
                        + "  - name: other-family\n"
                        + "    families: [e5]\n"
                        + "    query: \"query: {text}\"\n"
                        + "    document: \"query: {text}\"\n");
    }

    @Test
    void aTaskOfTheModelsInstructionFile() throws Exception {
        ExportTemplates.Chosen c = ExportTemplates.ofTask(model, null, library, null);
        assertThat(c.task()).isEqualTo("retrieval");
        assertThat(c.pair().query().prefix()).isEqualTo("query: ");
        assertThat(c.source().kind()).isEqualTo(TemplateSource.Kind.INSTRUCTION_FILE);
    }

    @Test
    void aVariantWithItsTaskInstructionFilledIn() throws Exception {
        ExportTemplates.Chosen c =
                ExportTemplates.ofVariant(model, experiment, "asked", library, null);
        assertThat(c.pair().query().prefix()).isEqualTo("Find the answer: ");
        assertThat(c.pair().document()).isEqualTo(Template.IDENTITY);
        assertThat(c.task()).isEqualTo("similarity");
        assertThat(c.source().describe())
                .isEqualTo("experiment variant asked of " + experiment + " (named with --variant)");
    }

    @Test
    void aRowOfTheDimensionAxisIsItsVariantCut() throws Exception {
        ExportTemplates.Chosen c =
                ExportTemplates.ofVariant(model, experiment, "asked@16", library, null);
        assertThat(c.dimension()).isEqualTo(16);
        assertThat(c.pair())
                .isEqualTo(
                        ExportTemplates.ofVariant(model, experiment, "asked", library, null)
                                .pair());
        assertThat(ExportTemplates.ofVariant(model, experiment, "asked", library, null).dimension())
                .isZero();
        assertThat(
                        ExportTemplates.ofVariant(model, experiment, "card@16", library, null)
                                .dimension())
                .isEqualTo(16);
        // a dimension the file does not run is no row of it
        assertThatThrownBy(
                        () ->
                                ExportTemplates.ofVariant(
                                        model, experiment, "asked@8", library, null))
                .hasMessageContaining("has no variant \"asked@8\"");
    }

    @Test
    void theCardIsTheInstructionFilesTemplatesForTheExperimentsTask() throws Exception {
        ExportTemplates.Chosen c =
                ExportTemplates.ofVariant(model, experiment, "card", library, "retrieval");
        assertThat(c.task()).isEqualTo("similarity");
        assertThat(c.pair().document().prefix()).isEqualTo("same: ");
        assertThat(c.source().why()).isEqualTo("the card variant of " + experiment);
    }

    @Test
    void generalAnUnknownVariantAndAnotherFamilysAreRefused() {
        assertThatThrownBy(
                        () ->
                                ExportTemplates.ofVariant(
                                        model, experiment, "general", library, null))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("has no instruction");
        assertThatThrownBy(
                        () -> ExportTemplates.ofVariant(model, experiment, "nope", library, null))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage(
                        experiment
                                + " has no variant \"nope\"; its variants are asked, other-family,"
                                + " and card (the instruction file's templates), each also cut to"
                                + " 16 dimensions as NAME@16");
        assertThatThrownBy(
                        () ->
                                ExportTemplates.ofVariant(
                                        model, experiment, "other-family", library, null))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage(
                        experiment
                                + ":10: the variant \"other-family\" is for the model families"
                                + " [e5], and the model tiny-bert is of the family \"tiny\"");
    }
}
