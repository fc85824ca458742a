package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.instructions.InstructionSources;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.testing.TinyModels;
import org.taew.core.util.ProgressListener;

/**
 * Model folders read as sentence-transformers reads them: tiny BERT, T5 (with a Dense layer), Qwen3
 * and Gemma 3 models saved by sentence-transformers 6.0.1 itself with a 24-token limit and prompts
 * that hold a line break ({@code tools/tiny-models/save_with_sentence_transformers.py}), encoded
 * through the workbench's prompts rule and native encoder, give the vectors sentence-transformers'
 * {@code encode} gave — in the layout sentence-transformers 6 writes (the limit only in {@code
 * tokenizer_config.json}) and in the older one (the limit in {@code sentence_bert_config.json}).
 * Cut at the model's position limit instead (what a reader that misses the newer layout did), the
 * vectors are visibly different: the check would catch it.
 */
class ModelLayoutTest {
    private static final double AGREE = 0.99999;

    @TempDir Path dir;

    static Stream<Arguments> folders() {
        List<Arguments> a = new ArrayList<>();
        for (String arch : List.of("bert", "t5", "qwen3", "gemma3")) {
            a.add(Arguments.of(arch, "sentence-transformers 6"));
            a.add(Arguments.of(arch, "older"));
        }
        return a.stream();
    }

    /**
     * The folder as sentence-transformers before version 6 left it: the limit in
     * sentence_bert_config.json, the tokenizer's own limit (512) in tokenizer_config.json — as the
     * fixture script checks sentence-transformers reads it.
     */
    static void olderLayout(Path folder, int limit) throws Exception {
        Path sbert = folder.resolve("sentence_bert_config.json");
        JsonObject s = json(sbert);
        s.addProperty("max_seq_length", limit);
        Files.writeString(sbert, s.toString(), StandardCharsets.UTF_8);
        Path tok = folder.resolve("tokenizer_config.json");
        JsonObject t = json(tok);
        t.addProperty("model_max_length", 512);
        Files.writeString(tok, t.toString(), StandardCharsets.UTF_8);
    }

    static JsonObject json(Path f) throws Exception {
        return JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    @ParameterizedTest(name = "{0}, {1} layout")
    @MethodSource("folders")
    void theFolderGivesSentenceTransformersVectors(String arch, String layout) throws Exception {
        Path folder = TinyModels.copy("st6-" + arch, dir);
        JsonObject ref = json(folder.resolve("st-reference.json"));
        int limit = ref.get("limit").getAsInt();
        if (layout.equals("older")) {
            olderLayout(folder, limit);
        }
        ModelSpec spec = ModelFolderReader.read(folder);
        assertThat(spec.maxLength()).isEqualTo(limit);
        assertThat(spec.lengthLimit().source())
                .isEqualTo(
                        layout.equals("older")
                                ? "sentence_bert_config.json max_seq_length"
                                : "tokenizer_config.json model_max_length");
        assertThat(spec.prompts().get("query")).contains("\n");

        // the templates as eval takes them: the folder's own prompts
        InstructionPair pair =
                InstructionSources.fromPrompts(spec, List.of("retrieval"))
                        .tasks()
                        .get("retrieval")
                        .instructions();
        List<PreparedText> texts = new ArrayList<>();
        List<Boolean> truncated = new ArrayList<>();
        int n = 0;
        for (JsonElement e : ref.getAsJsonArray("texts")) {
            JsonObject t = e.getAsJsonObject();
            Side side = t.get("side").getAsString().equals("query") ? Side.QUERY : Side.DOCUMENT;
            texts.addAll(
                    RetrievalEvaluation.prepare(
                            List.of(
                                    new TextItem(
                                            Integer.toString(n++), t.get("text").getAsString())),
                            pair,
                            side));
            truncated.add(t.get("truncated").getAsBoolean());
        }
        Encoder.Encoded encoded;
        try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            encoded = e.encode(texts, ProgressListener.NONE);
        }
        assertThat(encoded.tokens())
                .extracting(Encoder.TokenCount::truncated)
                .as("texts cut at " + limit + " tokens, as sentence-transformers counts them")
                .containsExactlyElementsOf(truncated);
        assertThat(minCosine(encoded, ref.getAsJsonArray("embeddings")))
                .as(arch + " (" + layout + " layout) vs sentence-transformers")
                .isGreaterThanOrEqualTo(AGREE);
        assertThat(minCosine(encoded, ref.getAsJsonArray("embeddings_full")))
                .as("the check tells the limit's vectors from uncut ones")
                .isLessThan(0.99);
    }

    private static double minCosine(Encoder.Encoded got, JsonArray expected) {
        assertThat(expected.size()).isEqualTo(got.vectors().rows());
        double worst = 1;
        for (int i = 0; i < expected.size(); i++) {
            JsonArray w = expected.get(i).getAsJsonArray();
            float[] have = got.vectors().row(i);
            assertThat(have).hasSize(w.size());
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int d = 0; d < have.length; d++) {
                double x = w.get(d).getAsDouble();
                dot += x * have[d];
                a += x * x;
                b += (double) have[d] * have[d];
            }
            worst = Math.min(worst, dot / Math.sqrt(a * b));
        }
        return worst;
    }
}
