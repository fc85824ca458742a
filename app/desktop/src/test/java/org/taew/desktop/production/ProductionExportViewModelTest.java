package org.taew.desktop.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;
import org.taew.desktop.instructions.TaskForm;

/** "Use in production…" on the real e5-small-v2 and helpdesk-mini, without the FX toolkit. */
class ProductionExportViewModelTest {
    @TempDir Path dir;
    RecordingDialogs dialogs = new RecordingDialogs();
    DesktopViewModels vms;
    ProductionExportViewModel vm;
    TaskForm form;

    @BeforeEach
    void start() throws Exception {
        vms = TestWorkspace.started(dir, dialogs);
        vm = vms.production();
        form = vms.session().editor().form();
    }

    @AfterEach
    void close() {
        vms.session().close();
    }

    /** Exports the editor's templates into a new empty folder {@code name}, which it returns. */
    private Path exportEditorInto(String name) throws Exception {
        Path chosen = Files.createDirectories(dir.resolve(name));
        dialogs.pathReplies.add(chosen);
        vm.exportEditor();
        return chosen;
    }

    @Test
    void theEditorsTemplatesBecomeThePromptsOfAFolderWrittenInTheBackground() throws Exception {
        form.queryTemplateProperty().set("query: which article answers {text}");
        Path chosen = exportEditorInto("production");

        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.resultProperty().get().folder()).isEqualTo(chosen.toRealPath());
        assertThat(ModelFolderReader.read(chosen).prompts())
                .containsOnly(
                        Map.entry("query", "query: which article answers "),
                        Map.entry("document", "passage: "));
        assertThat(vm.settingsProperty().get())
                .contains("Wrote " + chosen.toRealPath())
                .contains("model.encode(queries, prompt_name=\"query\")")
                .contains("text-embeddings-router --model-id " + chosen.toRealPath())
                .contains("query_instruction=\"query: which article answers \"");
        assertThat(dialogs.infos)
                .singleElement()
                .asString()
                .startsWith("Use in production: The model folder " + chosen.toRealPath())
                .contains("HuggingFaceEmbeddings(");
        assertThat(vms.work().statusProperty().get()).isEqualTo("Wrote " + chosen.toRealPath());
    }

    @Test
    void aFolderWithFilesGetsANewFolderNamedAfterTheModelAndTask() throws Exception {
        Path chosen = Files.createDirectories(dir.resolve("models-for-production"));
        Files.writeString(chosen.resolve("notes.txt"), "mine");
        dialogs.pathReplies.add(chosen);
        dialogs.pathReplies.add(chosen);

        vm.exportEditor();
        vm.exportEditor();

        assertThat(dialogs.errors).isEmpty();
        assertThat(chosen.resolve("e5-small-v2-retrieval/config_sentence_transformers.json"))
                .exists();
        assertThat(chosen.resolve("e5-small-v2-retrieval-2/config_sentence_transformers.json"))
                .exists();
        assertThat(Files.readString(chosen.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aTemplateThatCannotBeAPromptIsRefusedBeforeAFolderIsAsked() throws Exception {
        form.documentTemplateProperty().set("{text} (passage)");
        Path chosen = exportEditorInto("production");

        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .startsWith(
                        "Cannot use the editor's templates in production: The document template"
                                + " \"{text} (passage)\" puts text after {text}");
        assertThat(dialogs.pathReplies).containsExactly(chosen);
        try (var s = Files.list(chosen)) {
            assertThat(s).isEmpty();
        }
        assertThat(vm.resultProperty().get()).isNull();
    }

    @Test
    void aLeaderboardVariantIsExportedForTheModelItRanOnAndBm25IsNot() throws Exception {
        vms.experiments().run();
        Path chosen = Files.createDirectories(dir.resolve("variant"));
        dialogs.pathReplies.add(chosen);

        // e5-q2-d3: "passage: {text}" on queries, nothing on documents
        vm.exportVariant("e5-q2-d3");

        assertThat(dialogs.errors).isEmpty();
        assertThat(ModelFolderReader.read(chosen).prompts())
                .containsOnly(Map.entry("query", "passage: "));
        assertThat(vm.settingsProperty().get())
                .contains("document_vectors = model.encode(documents)\n");

        vm.exportVariant("bm25");
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .startsWith("Cannot use bm25 in production: bm25 is a lexical reference");
    }
}
