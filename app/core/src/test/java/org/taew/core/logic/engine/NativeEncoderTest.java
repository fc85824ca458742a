package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.Workspace;

/**
 * The native encoder (BERT computed with DJL NDArrays on PyTorch, weights read from the ONNX file)
 * against ONNX Runtime running the same file, on the three bundled models.
 */
class NativeEncoderTest {
    /**
     * Over 200 texts: helpdesk-mini's documents and queries, with and without E5's prefixes, and
     * edge cases.
     */
    static List<PreparedText> texts() throws Exception {
        Path data = Workspace.locate().datasets().resolve("helpdesk-mini");
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("corpus.jsonl"))) {
            var o = JsonParser.parseString(line).getAsJsonObject();
            String doc = o.get("title").getAsString() + ". " + o.get("text").getAsString();
            texts.add(doc);
            texts.add("passage: " + doc);
        }
        for (String line : Files.readAllLines(data.resolve("queries.jsonl"))) {
            String q = JsonParser.parseString(line).getAsJsonObject().get("text").getAsString();
            texts.add(q);
            texts.add("query: " + q);
        }
        texts.add("");
        texts.add("a");
        texts.add("Ünïcödé, emoji 🚀 and CJK 数据检索 in one line");
        texts.add("SELECT id, name FROM employees WHERE hired > '2024-01-01' ORDER BY name;");
        texts.add("public static int add(int a, int b) { return a + b; }");
        // far past 512 tokens: both engines see the same truncated input
        texts.add(String.join(" ", Collections.nCopies(400, "retrieval evaluation")));
        List<PreparedText> prepared = new ArrayList<>();
        for (String t : texts) {
            prepared.add(PreparedText.plain(t));
        }
        return prepared;
    }

    @ParameterizedTest
    @ValueSource(strings = {"e5-small-v2", "bge-small-en-v1.5", "all-MiniLM-L6-v2"})
    void nativeVectorsMatchOnnxRuntimeOnEveryText(String name) throws Exception {
        ModelSpec spec = BundledModels.spec(name);
        List<PreparedText> texts = texts();
        assertThat(texts).hasSizeGreaterThanOrEqualTo(200);
        Embeddings ort;
        Embeddings nat;
        try (Encoder reference = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            ort = reference.encode(texts, ProgressListener.NONE).vectors();
        }
        try (Encoder nativeEncoder = Engines.openNativeEncoder(spec, EncoderOptions.DEFAULT)) {
            assertThat(nativeEncoder.dimension()).isEqualTo(384);
            nat = nativeEncoder.encode(texts, ProgressListener.NONE).vectors();
        }
        double worst = 1;
        int worstAt = -1;
        for (int i = 0; i < texts.size(); i++) {
            double cos = ort.dot(i, nat, i); // both L2-normalised
            if (cos < worst) {
                worst = cos;
                worstAt = i;
            }
        }
        assertThat(worst)
                .as(
                        "lowest cosine, at text %d: %s",
                        worstAt, worstAt < 0 ? "" : texts.get(worstAt).text())
                .isGreaterThanOrEqualTo(0.99999);
    }
}
