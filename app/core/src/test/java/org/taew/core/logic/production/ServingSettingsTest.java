package org.taew.core.logic.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.Pooling;

class ServingSettingsTest {
    @TempDir Path dir;

    @Test
    void asymmetricPromptsAreNamedPerSideEverywhere() {
        ExportedPrompts p =
                new ExportedPrompts(
                        Map.of("query", "query: ", "document", "passage: "), null, true);
        String text = ServingSettings.text(dir, p, Pooling.MEAN);
        String folder = dir.toAbsolutePath().toString();
        assertThat(text)
                .contains("model = SentenceTransformer(\"" + folder + "\")")
                .contains("model.encode(queries, prompt_name=\"query\")")
                .contains("model.encode(documents, prompt_name=\"document\")")
                .contains("text-embeddings-router --model-id " + folder + " --pooling mean\n")
                .contains("POST /embed {\"inputs\": [...], \"prompt_name\": \"query\"}")
                .contains("POST /embed {\"inputs\": [...], \"prompt_name\": \"document\"}")
                .contains(
                        "encode_kwargs={\"prompt_name\": \"document\"},"
                                + " query_encode_kwargs={\"prompt_name\": \"query\"}")
                .contains("query_instruction=\"query: \", text_instruction=\"passage: \"")
                .doesNotContain("--default-prompt-name")
                .doesNotContain("include_prompt");
    }

    @Test
    void aSymmetricPromptIsTheServersDefaultAndAQueryOnlyOneLeavesDocumentsAlone()
            throws Exception {
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{}");
        ExportedPrompts symmetric =
                new ExportedPrompts(
                        Map.of("query", "query: ", "document", "query: "), "query", true);
        assertThat(ServingSettings.text(dir, symmetric, Pooling.MEAN))
                .contains("--default-prompt-name query\n")
                .contains("DEFAULT_PROMPT_NAME=query")
                .contains("model.encode(texts) applies it to every text")
                .doesNotContain("--pooling");

        ExportedPrompts queryOnly =
                new ExportedPrompts(Map.of("query", "Instruct: find\nQuery:"), null, false);
        assertThat(ServingSettings.text(dir, queryOnly, Pooling.LASTTOKEN))
                .contains("document_vectors = model.encode(documents)\n")
                .contains("documents: POST /embed {\"inputs\": [...]}")
                .contains("query_instruction=\"Instruct: find\\nQuery:\")")
                .contains("include_prompt false")
                .contains("it has no include_prompt setting");
    }

    @Test
    void aFolderOfOnnxWeightsOnlyIsLoadedWithSentenceTransformersOnnxBackend() throws Exception {
        ExportedPrompts p =
                new ExportedPrompts(
                        Map.of("query", "query: ", "document", "passage: "), null, true);
        Files.writeString(dir.resolve("model.onnx"), "graph");
        String folder = dir.toAbsolutePath().toString();
        assertThat(ServingSettings.text(dir, p, Pooling.MEAN))
                .contains(
                        "# the folder holds ONNX weights only: pip install sentence-transformers[onnx]")
                .contains(
                        "model = SentenceTransformer(\""
                                + folder
                                + "\", backend=\"onnx\", model_kwargs={\"file_name\":"
                                + " \"model.onnx\"})");
        Files.writeString(dir.resolve("model.safetensors"), "weights");
        assertThat(ServingSettings.text(dir, p, Pooling.MEAN))
                .as("PyTorch weights beside it: the default backend")
                .contains("model = SentenceTransformer(\"" + folder + "\")")
                .doesNotContain("backend=");
    }
}
