package org.taew.core.logic.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.LengthLimit;
import org.taew.core.model.ModelSpec;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.WorkbenchException;

/**
 * The length limit is found where sentence-transformers 6 finds it (sentence_bert_config.json, else
 * tokenizer_config.json unless it holds transformers' placeholder, else the position embeddings),
 * bounded by the position embeddings, and a model without any limit cuts nothing.
 */
class LengthLimitsTest {
    /** transformers' VERY_LARGE_INTEGER (int(1e30)) as tokenizer_config.json holds it. */
    static final String PLACEHOLDER = "1000000000000000019884624838656";

    @TempDir Path dir;

    private static void set(Path file, String key, JsonPrimitive value) throws Exception {
        JsonObject o =
                JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                        .getAsJsonObject();
        if (value == null) {
            o.remove(key);
        } else {
            o.add(key, value);
        }
        Files.writeString(file, o.toString(), StandardCharsets.UTF_8);
    }

    private static JsonPrimitive number(String n) {
        return new JsonPrimitive(new BigDecimal(n));
    }

    @Test
    void theTokenizersLimitIsReadWhenSentenceBertConfigHasNone() throws Exception {
        Path m = TinyModels.copy("st6-qwen3", dir);
        LengthLimit limit = ModelFolderReader.read(m).lengthLimit();
        assertThat(limit).isEqualTo(new LengthLimit(24, "tokenizer_config.json model_max_length"));
        assertThat(limit.describe())
                .isEqualTo("24 tokens (tokenizer_config.json model_max_length)");
    }

    @Test
    void sentenceBertConfigWinsAndEveryLimitIsBoundedByThePositionEmbeddings() throws Exception {
        Path m = TinyModels.copy("st6-bert", dir);
        set(m.resolve("sentence_bert_config.json"), "max_seq_length", number("16"));
        assertThat(ModelFolderReader.read(m).lengthLimit())
                .isEqualTo(new LengthLimit(16, "sentence_bert_config.json max_seq_length"));
        // the tiny BERT has 64 position embeddings
        set(m.resolve("sentence_bert_config.json"), "max_seq_length", number("1000"));
        assertThat(ModelFolderReader.read(m).lengthLimit())
                .isEqualTo(
                        new LengthLimit(
                                64,
                                "sentence_bert_config.json max_seq_length 1000, bounded by"
                                        + " config.json max_position_embeddings"));
        set(m.resolve("sentence_bert_config.json"), "max_seq_length", null);
        set(m.resolve("tokenizer_config.json"), "model_max_length", number("512"));
        assertThat(ModelFolderReader.read(m).maxLength()).isEqualTo(64);
        // a null max_seq_length (sentence-transformers' own default) means "not set"
        Files.writeString(m.resolve("sentence_bert_config.json"), "{\"max_seq_length\": null}");
        assertThat(ModelFolderReader.read(m).maxLength()).isEqualTo(64);
    }

    @Test
    void thePlaceholderMeansNoneSetSoThePositionEmbeddingsLimit() throws Exception {
        Path m = TinyModels.copy("st6-gemma3", dir);
        set(m.resolve("tokenizer_config.json"), "model_max_length", number(PLACEHOLDER));
        assertThat(ModelFolderReader.read(m).lengthLimit())
                .isEqualTo(new LengthLimit(64, "config.json max_position_embeddings"));
        Files.delete(m.resolve("tokenizer_config.json"));
        assertThat(ModelFolderReader.read(m).maxLength()).isEqualTo(64);
    }

    @Test
    void aT5WithoutAnyLimitCutsNothingAsSentenceTransformersDoes() throws Exception {
        Path m = TinyModels.copy("st6-t5", dir);
        set(m.resolve("tokenizer_config.json"), "model_max_length", number(PLACEHOLDER));
        ModelSpec spec = ModelFolderReader.read(m);
        assertThat(spec.lengthLimit().cuts()).isFalse();
        assertThat(spec.lengthLimit().describe())
                .startsWith("no limit (none set in sentence_bert_config.json or")
                .contains("texts are not cut");
        String longText = "the vpn client needs a new password every ninety days ".repeat(20);
        try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            Encoder.TokenCount c = e.countTokens(List.of(longText)).get(0);
            assertThat(c.truncated()).isFalse();
            assertThat(c.tokens()).isEqualTo(20 * 10 + 1);
        }
        // the limit is part of the identity: these vectors never share a cache with cut ones
        assertThat(spec.identity())
                .isNotEqualTo(
                        ModelFolderReader.read(TinyModels.copy("st6-t5", dir.resolve("b")))
                                .identity());
    }

    @Test
    void theModuleConfigsKwargsAndOlderNamesAreReadAsSentenceTransformersReadsThem()
            throws Exception {
        Path m = TinyModels.copy("st6-bert", dir);
        Path sbert = m.resolve("sentence_bert_config.json");
        Files.writeString(
                sbert,
                "{\"max_seq_length\": 20, \"processor_kwargs\": {\"model_max_length\": 12}}");
        assertThat(ModelFolderReader.read(m).lengthLimit())
                .isEqualTo(
                        new LengthLimit(
                                12, "sentence_bert_config.json processor_kwargs.model_max_length"));
        Files.writeString(sbert, "{\"tokenizer_args\": {\"model_max_length\": 10}}");
        assertThat(ModelFolderReader.read(m).maxLength()).isEqualTo(10);
        // an older module config name, as sentence-transformers 2 wrote for XLM-R models
        Files.delete(sbert);
        Files.writeString(
                m.resolve("sentence_xlm-roberta_config.json"), "{\"max_seq_length\": 18}");
        assertThat(ModelFolderReader.read(m).lengthLimit())
                .isEqualTo(new LengthLimit(18, "sentence_xlm-roberta_config.json max_seq_length"));
    }

    @Test
    void positionsOfMinusOneAndHugeLimitsMeanNone() throws Exception {
        Path m = TinyModels.copy("st6-bert", dir);
        // a limit too large to be one is none, so the position embeddings bound it
        set(m.resolve("tokenizer_config.json"), "model_max_length", number("1000000000000000000"));
        assertThat(ModelFolderReader.read(m).lengthLimit())
                .isEqualTo(
                        new LengthLimit(
                                64,
                                "tokenizer_config.json model_max_length (none), so config.json"
                                        + " max_position_embeddings"));
        // XLNet's -1: no position limit
        set(m.resolve("config.json"), "max_position_embeddings", number("-1"));
        assertThat(ModelFolderReader.read(m).lengthLimit().cuts()).isFalse();
        set(m.resolve("tokenizer_config.json"), "model_max_length", number("24"));
        assertThat(ModelFolderReader.read(m).maxLength()).isEqualTo(24);
    }

    @Test
    void aLimitThatIsNoWholeNumberIsRefusedWithTheFile() throws Exception {
        Path m = TinyModels.copy("st6-qwen3", dir);
        Path tok = m.resolve("tokenizer_config.json");
        set(tok, "model_max_length", new JsonPrimitive("24"));
        assertThatThrownBy(() -> ModelFolderReader.read(m))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage(
                        tok
                                + ": \"model_max_length\" must be a positive whole number of tokens,"
                                + " not \"24\"");
        set(tok, "model_max_length", number("0"));
        assertThatThrownBy(() -> ModelFolderReader.read(m)).hasMessageContaining("not 0");
        set(tok, "model_max_length", number("24.5"));
        assertThatThrownBy(() -> ModelFolderReader.read(m)).hasMessageContaining("not 24.5");
    }
}
