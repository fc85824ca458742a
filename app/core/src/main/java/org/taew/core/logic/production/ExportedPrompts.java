package org.taew.core.logic.production;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Side;
import org.taew.core.model.Template;
import org.taew.core.util.WorkbenchException;

/**
 * Chosen templates as sentence-transformers settings (docs/formats.md, "Use in production"):
 *
 * <ul>
 *   <li>{@code prompts}: {@value #QUERY} and {@value #DOCUMENT}, the prefix of each side that has
 *       an instruction — the names sentence-transformers 5's {@code encode_query} and {@code
 *       encode_document} look for first (sentence-transformers {@code SentenceTransformer.py}). A
 *       document-only instruction also gets an empty {@value #QUERY} prompt, which
 *       sentence-transformers treats as none, so that the workbench reads the folder's prompts back
 *       (it reads a folder's prompts through its {@value #QUERY} prompt);
 *   <li>{@code default_prompt_name}: {@value #QUERY} when both sides have the same instruction (a
 *       symmetric task: a plain {@code model.encode(texts)} applies it to every text, as the task
 *       wants), else null, so that {@code encode} without a prompt name leaves a text as it is and
 *       each side names its prompt;
 *   <li>{@code include_prompt}: false when the instruction is left out of mean pooling
 *       (INSTRUCTOR's way), which sentence-transformers reads from the Pooling module's {@code
 *       config.json};
 *   <li>{@code truncate_dim}: the Matryoshka dimensions the chosen vectors were cut to (0: the
 *       folder's own setting is kept; {@link #UNCUT}: null, the vectors whole), which
 *       sentence-transformers reads from {@code config_sentence_transformers.json} and applies in
 *       {@code encode}.
 * </ul>
 *
 * A sentence-transformers prompt is a prefix: a template with text after {@code {text}} is refused.
 */
public record ExportedPrompts(
        Map<String, String> prompts,
        String defaultPromptName,
        boolean includePrompt,
        int truncateDim) {
    /**
     * {@link #truncateDim()} of vectors read uncut from a folder that cuts them: {@code
     * truncate_dim} written as null.
     */
    public static final int UNCUT = -1;

    public static final String QUERY = "query";
    public static final String DOCUMENT = "document";

    public ExportedPrompts {
        prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
    }

    /** Prompts for the vectors as the folder gives them. */
    public ExportedPrompts(
            Map<String, String> prompts, String defaultPromptName, boolean includePrompt) {
        this(prompts, defaultPromptName, includePrompt, 0);
    }

    /** The prompts of {@code pair}, or a refusal saying which template cannot be one and why. */
    public static ExportedPrompts of(InstructionPair pair) throws WorkbenchException {
        return of(pair, 0);
    }

    /** {@link #of(InstructionPair)} for vectors cut to {@code dimension} (0: as they are). */
    public static ExportedPrompts of(InstructionPair pair, int dimension)
            throws WorkbenchException {
        String query = prefix(pair, Side.QUERY);
        String document = prefix(pair, Side.DOCUMENT);
        if (query.isEmpty() && document.isEmpty()) {
            throw WorkbenchException.badInput(
                    "Neither template has an instruction (both are {text}): there is nothing to"
                            + " export, the model folder as it is already encodes texts that way");
        }
        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put(QUERY, query);
        if (!document.isEmpty()) {
            prompts.put(DOCUMENT, document);
        }
        String defaultName = query.equals(document) ? QUERY : null;
        return new ExportedPrompts(
                prompts, defaultName, !pair.excludeInstructionFromPooling(), dimension);
    }

    private static String prefix(InstructionPair pair, Side side) throws WorkbenchException {
        Template t = pair.template(side);
        if (!t.suffix().isEmpty()) {
            String name = side.label();
            throw WorkbenchException.badInput(
                    "The "
                            + name
                            + " template \""
                            + t.standalone()
                            + "\" puts text after {text} (\""
                            + t.suffix()
                            + "\"), and a sentence-transformers prompt can only come before"
                            + " the text: it cannot be exported. Use a "
                            + name
                            + " template that ends with {text}");
        }
        return t.prefix();
    }

    /**
     * What an export writes as {@code truncate_dim} for vectors that were cut to {@code dimension}
     * (0: as the session gave them) of a model whose vectors have {@code full} values: the cut; or,
     * for the full length of a folder that cuts its vectors itself, {@link #UNCUT}; else 0, the
     * folder's own setting kept.
     */
    public static int truncateDim(int dimension, int full, ModelSpec model) {
        if (dimension == 0) {
            return 0;
        }
        if (dimension < full) {
            return dimension;
        }
        int own = model.truncateDim();
        return own > 0 && own < full ? UNCUT : 0;
    }

    /** The query side's prompt ("" for none). */
    public String query() {
        return prompts.getOrDefault(QUERY, "");
    }

    /** The document side's prompt ("" for none). */
    public String document() {
        return prompts.getOrDefault(DOCUMENT, "");
    }
}
