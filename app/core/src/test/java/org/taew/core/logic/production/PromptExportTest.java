package org.taew.core.logic.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.logic.instructions.InstructionSources;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.model.Template;
import org.taew.core.model.TemplateSource;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.WorkbenchException;

/** The export on the tiny model folders: what the copy holds, and what stays as it was. */
class PromptExportTest {
    @TempDir Path tmp;

    private static final InstructionPair INSTRUCTOR =
            new InstructionPair(
                    Template.parse("Represent the question for retrieval: {text}"),
                    Template.parse("Represent the document: {text}"),
                    true);

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void aCutVariantIsWrittenAsTheFoldersTruncateDimAndReadBackCut() throws Exception {
        Path source = TinyModels.copy("st6-bert", tmp);
        ModelSpec model = ModelFolderReader.read(source);
        assertThat(model.truncateDim()).isZero();
        Path out = tmp.resolve("exports/st6-cut");

        PromptExport.Result r = PromptExport.write(model, INSTRUCTOR, 16, out);

        JsonObject cfg = json(out.resolve("config_sentence_transformers.json"));
        assertThat(cfg.get("truncate_dim").getAsInt()).isEqualTo(16);
        assertThat(ModelFolderReader.read(out).truncateDim()).isEqualTo(16);
        assertThat(r.summary()).contains("; truncate_dim 16.");
        assertThat(ServingSettings.text(r.folder(), r.prompts(), model.pooling()))
                .contains("Vectors cut to their first 16 dimensions: sentence-transformers reads")
                .contains("keep the first 16 values of each vector and normalise it again");
        // without a cut the folder's own setting stays as it was
        Path whole = tmp.resolve("exports/st6-whole");
        PromptExport.write(model, INSTRUCTOR, whole);
        assertThat(json(whole.resolve("config_sentence_transformers.json")).has("truncate_dim"))
                .isFalse();

        // the cut folder's vectors read whole (its full length asked) are written uncut: null
        ModelSpec cut = ModelFolderReader.read(out);
        int full = 32;
        assertThat(ExportedPrompts.truncateDim(full, full, cut)).isEqualTo(ExportedPrompts.UNCUT);
        assertThat(ExportedPrompts.truncateDim(full, full, model)).isZero();
        assertThat(ExportedPrompts.truncateDim(8, full, cut)).isEqualTo(8);
        assertThat(ExportedPrompts.truncateDim(0, full, cut)).isZero();
        Path uncut = tmp.resolve("exports/st6-uncut");
        PromptExport.Result u = PromptExport.write(cut, INSTRUCTOR, ExportedPrompts.UNCUT, uncut);
        assertThat(
                        json(uncut.resolve("config_sentence_transformers.json"))
                                .get("truncate_dim")
                                .isJsonNull())
                .isTrue();
        assertThat(ModelFolderReader.read(uncut).truncateDim()).isZero();
        assertThat(u.summary()).contains("truncate_dim null (the vectors whole)");
        assertThat(ServingSettings.text(u.folder(), u.prompts(), cut.pooling()))
                .doesNotContain("Vectors cut");
    }

    @Test
    void aSentenceTransformersFolderKeepsItsOtherSettingsAndTakesTheNewPrompts() throws Exception {
        Path source = TinyModels.copy("st6-bert", tmp);
        String originalConfig =
                Files.readString(source.resolve("config_sentence_transformers.json"));
        String originalPooling = Files.readString(source.resolve("1_Pooling/config.json"));
        ModelSpec model = ModelFolderReader.read(source);
        Path out = tmp.resolve("exports/st6-instructor");

        PromptExport.Result r = PromptExport.write(model, INSTRUCTOR, out);

        assertThat(r.folder()).isEqualTo(out.toRealPath());
        assertThat(r.written())
                .containsExactly("config_sentence_transformers.json", "1_Pooling/config.json");
        assertThat(r.replacedPrompts()).containsExactly("document", "query");
        JsonObject cfg = json(out.resolve("config_sentence_transformers.json"));
        assertThat(cfg.keySet())
                .containsExactly(
                        "__version__",
                        "default_prompt_name",
                        "model_type",
                        "prompts",
                        "similarity_fn_name");
        assertThat(cfg.get("default_prompt_name").isJsonNull()).isTrue();
        assertThat(cfg.get("similarity_fn_name").getAsString()).isEqualTo("cosine");
        JsonObject pooling = json(out.resolve("1_Pooling/config.json"));
        assertThat(pooling.get("include_prompt").getAsBoolean()).isFalse();
        assertThat(pooling.get("pooling_mode").getAsString()).isEqualTo("mean");

        ModelSpec copy = ModelFolderReader.read(out);
        assertThat(copy.prompts())
                .containsOnly(
                        Map.entry("query", "Represent the question for retrieval: "),
                        Map.entry("document", "Represent the document: "));
        assertThat(copy.includePrompt()).isFalse();
        // the original is as it was
        assertThat(Files.readString(source.resolve("config_sentence_transformers.json")))
                .isEqualTo(originalConfig);
        assertThat(Files.readString(source.resolve("1_Pooling/config.json")))
                .isEqualTo(originalPooling);
        assertThat(ModelFolderReader.read(source).includePrompt()).isTrue();
    }

    @Test
    void aFolderWithoutModulesGetsThemOnlyToLeaveTheInstructionOut() throws Exception {
        Path source = TinyModels.copy("bert", tmp);
        ModelSpec model = ModelFolderReader.read(source);
        assertThat(model.familyGuessed()).isFalse();

        Path kept = tmp.resolve("kept");
        PromptExport.Result plain =
                PromptExport.write(
                        model,
                        new InstructionPair(
                                Template.parse("query: {text}"),
                                Template.parse("passage: {text}"),
                                false),
                        kept);
        assertThat(plain.written())
                .containsExactly("config_sentence_transformers.json", "taew-model.json");
        assertThat(kept.resolve("modules.json")).doesNotExist();

        Path out = tmp.resolve("instructor");
        PromptExport.Result r = PromptExport.write(model, INSTRUCTOR, out);
        assertThat(r.written())
                .containsExactly(
                        "config_sentence_transformers.json",
                        "modules.json",
                        "1_Pooling/config.json",
                        "taew-model.json");
        JsonObject pooling = json(out.resolve("1_Pooling/config.json"));
        assertThat(pooling.get("word_embedding_dimension").getAsInt()).isEqualTo(32);
        assertThat(pooling.get("pooling_mode_mean_tokens").getAsBoolean()).isTrue();
        assertThat(pooling.get("pooling_mode_cls_token").getAsBoolean()).isFalse();
        assertThat(json(out.resolve("taew-model.json")).has("family")).isFalse();
        assertThat(json(source.resolve("taew-model.json")).has("family")).isTrue();

        ModelSpec copy = ModelFolderReader.read(out);
        assertThat(copy.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(copy.normalize()).isTrue();
        assertThat(copy.includePrompt()).isFalse();
        assertThat(copy.familyGuessed()).isTrue();
        // the workbench takes the copy's prompts as its task-aware templates
        Path noFiles = Files.createDirectories(tmp.resolve("no-files"));
        InstructionSources.Chosen chosen =
                InstructionSources.choose(
                        copy, null, InstructionLibrary.load(noFiles), List.of("retrieval"));
        assertThat(chosen.source().kind()).isEqualTo(TemplateSource.Kind.MODEL_PROMPTS);
        assertThat(InstructionSources.task(chosen.set(), "retrieval").instructions())
                .isEqualTo(
                        new InstructionPair(
                                Template.parse("Represent the question for retrieval: {text}"),
                                Template.parse("Represent the document: {text}"),
                                true));
    }

    @Test
    void largeFilesAreHardLinksSmallOnesCopiesAndHiddenOnesLeftOut() throws Exception {
        Path source = TinyModels.copy("st6-bert", tmp);
        Path big = source.resolve("extra.bin");
        Files.write(big, new byte[2 * 1024 * 1024]);
        Files.writeString(source.resolve(".marker"), "checked");
        Files.createDirectories(source.resolve(".cache"));
        Files.writeString(source.resolve(".cache/x"), "x");
        Path out = tmp.resolve("out");

        PromptExport.Result r = PromptExport.write(ModelFolderReader.read(source), INSTRUCTOR, out);

        assertThat(Files.isSameFile(big, out.resolve("extra.bin"))).isTrue();
        assertThat(
                        Files.isSameFile(
                                source.resolve("tokenizer.json"), out.resolve("tokenizer.json")))
                .isFalse();
        assertThat(r.copied().linked()).isEqualTo(1);
        assertThat(out.resolve(".marker")).doesNotExist();
        assertThat(out.resolve(".cache")).doesNotExist();
        assertThat(Files.readString(out.resolve("README.md")))
                .isEqualTo(Files.readString(source.resolve("README.md")));
    }

    @Test
    void theModelFolderItselfAFolderInsideItAndAFullFolderAreRefused() throws Exception {
        Path source = TinyModels.copy("st6-bert", tmp);
        ModelSpec model = ModelFolderReader.read(source);
        assertThatThrownBy(() -> PromptExport.write(model, INSTRUCTOR, source))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("is the model folder itself")
                .hasMessageContaining("choose a folder outside");
        assertThatThrownBy(() -> PromptExport.write(model, INSTRUCTOR, source.resolve("prod")))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("is inside the model folder");
        Path full = tmp.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> PromptExport.write(model, INSTRUCTOR, full))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage(
                        full
                                + " exists and is not empty; choose a new folder (the export never overwrites one)");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");
        assertThat(source.resolve("prod")).doesNotExist();
        // nothing half-written is left beside the destinations
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("tiny-st6-bert", "full");
        }
    }

    @Test
    void anEmptyFolderIsFilledAndATemplateThatCannotBeAPromptWritesNothing() throws Exception {
        Path source = TinyModels.copy("st6-bert", tmp);
        ModelSpec model = ModelFolderReader.read(source);
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        PromptExport.write(model, INSTRUCTOR, empty);
        assertThat(empty.resolve("model.safetensors")).exists();

        Path refused = tmp.resolve("refused");
        InstructionPair suffix =
                new InstructionPair(Template.parse("{text} query"), Template.IDENTITY, false);
        assertThatThrownBy(() -> PromptExport.write(model, suffix, refused))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("puts text after {text}");
        assertThat(refused).doesNotExist();
    }
}
