package org.taew.core.logic.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.util.WorkbenchException;

class ModelCatalogTest {
    @Test
    void bundledModelIsExtractedWithItsSettingsAndRepairedWhenDamaged(@TempDir Path models)
            throws Exception {
        ModelCatalog catalog = new ModelCatalog(models);
        ModelSpec spec = catalog.resolve("all-MiniLM-L6-v2");
        assertThat(spec.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(spec.maxLength()).isEqualTo(256);
        assertThat(spec.family()).isEqualTo("minilm");
        Path onnx = models.resolve("all-MiniLM-L6-v2/model.onnx");
        assertThat(Files.size(onnx)).isEqualTo(90984153L);
        String identity = spec.identity();

        try (RandomAccessFile raf = new RandomAccessFile(onnx.toFile(), "rw")) {
            raf.setLength(1000); // a damaged copy
        }
        ModelSpec again = catalog.resolve("all-minilm-l6-v2");
        assertThat(Files.size(onnx)).isEqualTo(90984153L);
        assertThat(again.identity()).isEqualTo(identity);
    }

    @Test
    void bundledSettingsFollowTheModelCards() {
        ModelCatalog catalog = new ModelCatalog(Path.of("unused"));
        assertThat(catalog.bundled())
                .extracting(ModelCatalog.BundledModel::name)
                .containsExactly("e5-small-v2", "bge-small-en-v1.5", "all-MiniLM-L6-v2");
        assertThat(catalog.bundled()).allMatch(ModelCatalog.BundledModel::available);
        assertThat(catalog.bundled().get(1).entry().get("pooling").getAsString()).isEqualTo("cls");
    }

    @Test
    void unknownModelMessageListsWhatExists(@TempDir Path models) {
        assertThatThrownBy(() -> new ModelCatalog(models).resolve("gpt-embed"))
                .hasMessageContaining("Unknown model \"gpt-embed\"")
                .hasMessageContaining("e5-small-v2, bge-small-en-v1.5, all-MiniLM-L6-v2");
    }

    @Test
    void sentenceTransformersFilesDecidePoolingLengthAndPrompts(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("model.onnx"), "weights stand-in");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(
                dir.resolve("modules.json"),
                "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                        + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
                        + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Normalize\",\"type\":\"sentence_transformers.models.Normalize\"}]");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(
                dir.resolve("1_Pooling/config.json"),
                "{\"word_embedding_dimension\": 384, \"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 128}");
        Files.writeString(
                dir.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"query\": \"search_query: \", \"document\": \"search_document: \"},"
                        + " \"truncate_dim\": 256}");
        ModelSpec spec = ModelFolderReader.read(dir);
        assertThat(spec.truncateDim()).isEqualTo(256);
        assertThat(spec.pooling()).isEqualTo(Pooling.CLS);
        assertThat(spec.maxLength()).isEqualTo(128);
        assertThat(spec.normalize()).isTrue();
        assertThat(spec.prompts()).containsEntry("query", "search_query: ");
        assertThat(spec.format()).isEqualTo("onnx");
    }

    @Test
    void truncateDimIsAWholeNumberOfDimensionsOrNull(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.onnx"), "weights stand-in");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("taew-model.json"), "{\"pooling\": \"mean\"}");
        Path cfg = dir.resolve("config_sentence_transformers.json");
        assertThat(ModelFolderReader.read(dir).truncateDim()).isZero();
        Files.writeString(cfg, "{\"truncate_dim\": null}");
        assertThat(ModelFolderReader.read(dir).truncateDim()).isZero();
        Files.writeString(cfg, "{\"truncate_dim\": 64.0}");
        assertThat(ModelFolderReader.read(dir).truncateDim()).isEqualTo(64);
        for (String bad : new String[] {"\"half\"", "0", "-8", "1.5", "[64]"}) {
            Files.writeString(cfg, "{\"truncate_dim\": " + bad + "}");
            assertThatThrownBy(() -> ModelFolderReader.read(dir))
                    .as(bad)
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessage(
                            cfg
                                    + ": truncate_dim must be a whole number of dimensions (1 or"
                                    + " more) or null, and it is "
                                    + bad.replace(".0", ""));
        }
    }

    @Test
    void folderWithoutTokenizerOrPoolingOrWithPickleOnlyIsRefusedClearly(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("pytorch_model.bin"), "pickle");
        assertThatThrownBy(() -> ModelFolderReader.read(dir))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("pickle file");
        Files.writeString(dir.resolve("model.onnx"), "w");
        assertThatThrownBy(() -> ModelFolderReader.read(dir))
                .hasMessageContaining("has no tokenizer.json");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertThatThrownBy(() -> ModelFolderReader.read(dir))
                .hasMessageContaining("cannot tell how to pool");
        Files.writeString(dir.resolve("taew-model.json"), "{\"pooling\": \"max\"}");
        assertThatThrownBy(() -> ModelFolderReader.read(dir))
                .hasMessageContaining("unknown pooling 'max'");
        Files.writeString(
                dir.resolve("taew-model.json"), "{\"pooling\": \"mean\", \"family\": \"e5\"}");
        assertThat(ModelFolderReader.read(dir).family()).isEqualTo("e5");
    }
}
