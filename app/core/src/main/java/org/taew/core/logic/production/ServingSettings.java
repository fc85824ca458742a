package org.taew.core.logic.production;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.taew.core.model.Pooling;

/**
 * The settings that give exported prompts where embeddings are served, as text for people: the
 * command line prints it after an export, the desktop shows it.
 *
 * <p>Every option name was checked against the projects' own sources and documentation:
 *
 * <ul>
 *   <li>sentence-transformers ({@code sentence_transformers/SentenceTransformer.py}, 2025-10):
 *       {@code encode(prompt_name=, prompt=)}; {@code encode_query} takes the prompt {@code
 *       "query"}, {@code encode_document} the first of {@code "document"}, {@code "passage"},
 *       {@code "corpus"}; {@code default_prompt_name} applies when neither is given; {@code
 *       models/Pooling.py}: {@code include_prompt}.
 *   <li>Text Embeddings Inference ({@code router/src/main.rs}, {@code
 *       docs/source/en/cli_arguments.md}, {@code router/src/lib.rs}, {@code
 *       router/src/http/types.rs}): {@code text-embeddings-router --model-id} (a local folder too),
 *       {@code --default-prompt-name} / {@code DEFAULT_PROMPT_NAME}, {@code --default-prompt} /
 *       {@code DEFAULT_PROMPT}; the {@code prompts} of {@code config_sentence_transformers.json}
 *       are read, its {@code default_prompt_name} is not; {@code POST /embed} takes {@code
 *       "prompt_name"}. It reads no {@code include_prompt}.
 *   <li>LangChain ({@code langchain_huggingface.HuggingFaceEmbeddings}, reference.langchain.com and
 *       {@code libs/partners/huggingface/langchain_huggingface/embeddings/huggingface.py}): {@code
 *       model_name}, {@code encode_kwargs} (documents), {@code query_encode_kwargs} (queries), each
 *       passed to sentence-transformers' {@code encode}; it replaces line breaks in texts with
 *       spaces first.
 *   <li>LlamaIndex ({@code llama_index.embeddings.huggingface.HuggingFaceEmbedding},
 *       developers.llamaindex.ai API reference and {@code
 *       llama-index-embeddings-huggingface/.../base.py}): {@code model_name} (a folder too), {@code
 *       query_instruction}, {@code text_instruction}, given to sentence-transformers as its prompts
 *       {@code "query"} and {@code "text"}. Releases before its sentence-transformers backend
 *       joined instruction and text with a space ({@code llama_index/core/embeddings/utils.py
 *       format_query}).
 * </ul>
 */
public final class ServingSettings {
    private ServingSettings() {}

    /**
     * The settings for {@code folder}, exported with {@code p}, whose model pools {@code pooling}.
     */
    public static String text(Path folder, ExportedPrompts p, Pooling pooling) {
        String dir = folder.toAbsolutePath().toString();
        boolean query = !p.query().isEmpty();
        boolean document = !p.document().isEmpty();
        StringBuilder sb = new StringBuilder();
        sb.append("Equivalent settings where you serve embeddings:\n\n");
        if (p.truncateDim() > 0) {
            sb.append("Vectors cut to their first ")
                    .append(p.truncateDim())
                    .append(
                            " dimensions: sentence-transformers reads truncate_dim from the folder"
                                    + " and cuts them itself; wherever the folder is served"
                                    + " otherwise, keep the first ")
                    .append(p.truncateDim())
                    .append(" values of each vector and normalise it again.\n\n");
        }
        sentenceTransformers(sb, folder, p, query, document);
        textEmbeddingsInference(sb, folder, p, pooling);
        langChain(sb, dir, document);
        llamaIndex(sb, dir, p, query, document);
        return sb.toString();
    }

    private static void sentenceTransformers(
            StringBuilder sb, Path folder, ExportedPrompts p, boolean query, boolean document) {
        String dir = folder.toAbsolutePath().toString();
        String onnx = onnxOnly(folder);
        sb.append("sentence-transformers (the folder's prompts are its own):\n");
        if (onnx != null) {
            // sentence-transformers' ONNX backend (sentence_transformers/backend/load.py: Optimum's
            // ORTModelForFeatureExtraction, the file named by model_kwargs file_name)
            sb.append(
                    "  # the folder holds ONNX weights only: pip install sentence-transformers[onnx]\n");
        }
        sb.append("  model = SentenceTransformer(")
                .append(Quoting.json(dir))
                .append(
                        onnx == null
                                ? ""
                                : ", backend=\"onnx\", model_kwargs={\"file_name\": "
                                        + Quoting.json(onnx)
                                        + "}")
                .append(")\n");
        sb.append("  query_vectors = model.encode(queries")
                .append(query ? ", prompt_name=\"query\"" : "")
                .append(")\n");
        sb.append("  document_vectors = model.encode(documents")
                .append(document ? ", prompt_name=\"document\"" : "")
                .append(")\n");
        sb.append("  # the same: model.encode_query(queries), model.encode_document(documents)\n");
        sb.append("  # or, without the folder's prompts:");
        if (query) {
            sb.append(" model.encode(queries, prompt=").append(Quoting.json(p.query())).append(')');
        }
        if (document) {
            sb.append(query ? "," : "")
                    .append(" model.encode(documents, prompt=")
                    .append(Quoting.json(p.document()))
                    .append(')');
        }
        sb.append('\n');
        if (p.defaultPromptName() != null) {
            sb.append(
                    "  # default_prompt_name is \"query\": model.encode(texts) applies it to every"
                            + " text\n");
        }
        if (!p.includePrompt()) {
            sb.append(
                    "  # 1_Pooling/config.json has include_prompt false: the instruction's tokens"
                            + " are left out of mean pooling\n");
        }
        sb.append('\n');
    }

    /**
     * The ONNX weights file of a folder that has no PyTorch weights (model.safetensors), relative
     * to it, or null.
     */
    static String onnxOnly(Path folder) {
        if (Files.exists(folder.resolve("model.safetensors"))) {
            return null;
        }
        for (String f : List.of("onnx/model.onnx", "model.onnx")) {
            if (Files.isRegularFile(folder.resolve(f))) {
                return f;
            }
        }
        return null;
    }

    private static void textEmbeddingsInference(
            StringBuilder sb, Path folder, ExportedPrompts p, Pooling pooling) {
        sb.append("Text Embeddings Inference (reads the folder's prompts; a request names one):\n");
        sb.append("  text-embeddings-router --model-id ")
                .append(Quoting.shell(folder.toAbsolutePath().toString()));
        if (!Files.isRegularFile(folder.resolve("1_Pooling").resolve("config.json"))) {
            // it reads the pooling from 1_Pooling/config.json only, else from --pooling
            sb.append(" --pooling ")
                    .append(pooling == Pooling.LASTTOKEN ? "last-token" : pooling.label());
        }
        if (p.defaultPromptName() != null) {
            sb.append(" --default-prompt-name ").append(p.defaultPromptName());
        }
        sb.append('\n');
        if (p.defaultPromptName() != null) {
            sb.append("  (or the environment variable DEFAULT_PROMPT_NAME=")
                    .append(p.defaultPromptName())
                    .append("; it does not read default_prompt_name from the folder)\n");
        }
        sb.append("  queries:   POST /embed {\"inputs\": [...]")
                .append(!p.query().isEmpty() ? ", \"prompt_name\": \"query\"" : "")
                .append("}\n");
        sb.append("  documents: POST /embed {\"inputs\": [...]")
                .append(!p.document().isEmpty() ? ", \"prompt_name\": \"document\"" : "")
                .append("}\n");
        if (!p.includePrompt()) {
            sb.append(
                    "  Note: it has no include_prompt setting and pools the instruction's tokens"
                            + " too, so its vectors differ from the workbench's.\n");
        }
        sb.append('\n');
    }

    private static void langChain(StringBuilder sb, String dir, boolean document) {
        sb.append("LangChain (langchain-huggingface):\n");
        sb.append("  HuggingFaceEmbeddings(model_name=").append(Quoting.json(dir));
        if (document) {
            sb.append(", encode_kwargs={\"prompt_name\": \"document\"}");
        }
        // always: without query_encode_kwargs, queries are encoded with encode_kwargs
        sb.append(", query_encode_kwargs={\"prompt_name\": \"query\"})\n");
        sb.append("  Note: it replaces line breaks in texts with spaces before encoding.\n\n");
    }

    private static void llamaIndex(
            StringBuilder sb, String dir, ExportedPrompts p, boolean query, boolean document) {
        sb.append("LlamaIndex (llama-index-embeddings-huggingface):\n");
        sb.append("  HuggingFaceEmbedding(model_name=").append(Quoting.json(dir));
        if (query) {
            sb.append(", query_instruction=").append(Quoting.json(p.query()));
        }
        if (document) {
            sb.append(", text_instruction=").append(Quoting.json(p.document()));
        }
        sb.append(")\n");
        sb.append(
                "  Note: releases before its sentence-transformers backend put a space between"
                        + " instruction and text.\n");
    }
}
