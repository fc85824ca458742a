package org.taew.core.logic.encoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.taew.core.model.LengthLimit;
import org.taew.core.util.WorkbenchException;

/**
 * The length limit of a model folder, found where sentence-transformers finds it, in this order:
 *
 * <ol>
 *   <li>{@code sentence_bert_config.json} {@code max_seq_length} (written by sentence-transformers
 *       before version 6);
 *   <li>{@code taew-model.json} {@code max_length} (the workbench's own descriptor);
 *   <li>{@code tokenizer_config.json} {@code model_max_length} (where sentence-transformers 6 saves
 *       a model's {@code max_seq_length}), unless it is the "very large" placeholder transformers
 *       writes for a tokenizer without a limit (anything above 10<sup>20</sup>, transformers' own
 *       test);
 *   <li>{@code config.json} {@code max_position_embeddings};
 *   <li>else none: a model without position embeddings (T5's relative positions) reads every token,
 *       as sentence-transformers lets it.
 * </ol>
 *
 * <p>Each found value is bounded by {@code max_position_embeddings} when the config has it (a
 * longer text could not be encoded at all).
 */
final class LengthLimits {
    static final String SBERT = "sentence_bert_config.json";
    static final String TOKENIZER = "tokenizer_config.json";
    static final String CONFIG = "config.json";

    /** transformers' {@code LARGE_INTEGER}: a model_max_length above it means "none set". */
    private static final BigDecimal PLACEHOLDER = new BigDecimal("1e20");

    private LengthLimits() {}

    static LengthLimit read(Path dir, JsonObject descriptor) throws WorkbenchException {
        Integer positions = positive(dir.resolve(CONFIG), "max_position_embeddings", false);
        Integer sbert = positive(dir.resolve(SBERT), "max_seq_length", false);
        if (sbert != null) {
            return bounded(sbert, SBERT + " max_seq_length", positions);
        }
        if (descriptor != null && descriptor.has("max_length")) {
            Integer declared =
                    number(
                            dir.resolve(ModelFolderReader.DESCRIPTOR),
                            "max_length",
                            descriptor.get("max_length"),
                            false);
            if (declared != null) {
                return bounded(declared, ModelFolderReader.DESCRIPTOR + " max_length", positions);
            }
        }
        Integer tokenizer = positive(dir.resolve(TOKENIZER), "model_max_length", true);
        if (tokenizer != null) {
            return bounded(tokenizer, TOKENIZER + " model_max_length", positions);
        }
        if (positions != null) {
            return new LengthLimit(positions, CONFIG + " max_position_embeddings");
        }
        return new LengthLimit(
                LengthLimit.NONE,
                "none set in "
                        + SBERT
                        + " or "
                        + TOKENIZER
                        + ", and "
                        + CONFIG
                        + " has no max_position_embeddings: texts are not cut, as"
                        + " sentence-transformers does not cut them");
    }

    private static LengthLimit bounded(int tokens, String source, Integer positions) {
        if (positions != null && tokens > positions) {
            return new LengthLimit(
                    positions,
                    source + " " + tokens + ", bounded by " + CONFIG + " max_position_embeddings");
        }
        return new LengthLimit(tokens, source);
    }

    /**
     * A positive whole number under {@code key} of a JSON file, or null when the file or the key is
     * missing (or null, or — with {@code placeholder} — above transformers' placeholder).
     */
    private static Integer positive(Path file, String key, boolean placeholder)
            throws WorkbenchException {
        JsonObject o = ModelFolderReader.json(file);
        if (o == null || !o.has(key)) {
            return null;
        }
        return number(file, key, o.get(key), placeholder);
    }

    private static Integer number(Path file, String key, JsonElement e, boolean placeholder)
            throws WorkbenchException {
        if (e.isJsonNull()) {
            return null;
        }
        BigDecimal v = null;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            v = e.getAsBigDecimal();
        }
        if (v == null || v.signum() <= 0 || v.stripTrailingZeros().scale() > 0) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    file + ": \"" + key + "\" must be a positive whole number of tokens, not " + e);
        }
        if (placeholder && v.compareTo(PLACEHOLDER) > 0) {
            return null;
        }
        if (v.compareTo(BigDecimal.valueOf(LengthLimit.NONE - 1L)) >= 0) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    file + ": \"" + key + "\" is " + v.toPlainString() + ", too large for a limit");
        }
        return v.intValueExact();
    }
}
