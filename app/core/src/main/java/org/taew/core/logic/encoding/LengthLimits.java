package org.taew.core.logic.encoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.taew.core.model.LengthLimit;
import org.taew.core.util.WorkbenchException;

/**
 * The length limit of a model folder, found where sentence-transformers finds it, in this order:
 *
 * <ol>
 *   <li>the Transformer module's config ({@code sentence_bert_config.json}, or one of the older
 *       names sentence-transformers still reads): a {@code model_max_length} in its {@code
 *       processor_kwargs} (or the older {@code tokenizer_args}), else its {@code max_seq_length}
 *       (written by sentence-transformers before version 6);
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
 * <p>Each found value is bounded by {@code max_position_embeddings} when the config has it (and it
 * is not -1, XLNet's "none"): a longer text could not be encoded at all. sentence-transformers
 * leaves a module config's value unbounded and fails on such a text; here it is cut instead.
 */
final class LengthLimits {
    static final String SBERT = "sentence_bert_config.json";

    /** The names sentence-transformers tries for the Transformer module's config, in its order. */
    static final List<String> MODULE_CONFIGS =
            List.of(
                    SBERT,
                    "sentence_roberta_config.json",
                    "sentence_distilbert_config.json",
                    "sentence_camembert_config.json",
                    "sentence_albert_config.json",
                    "sentence_xlm-roberta_config.json",
                    "sentence_xlnet_config.json");

    static final String TOKENIZER = "tokenizer_config.json";
    static final String CONFIG = "config.json";

    /** transformers' {@code LARGE_INTEGER}: a model_max_length above it means "none set". */
    private static final BigDecimal PLACEHOLDER = new BigDecimal("1e20");

    private LengthLimits() {}

    static LengthLimit read(Path dir, JsonObject descriptor) throws WorkbenchException {
        Integer positions = positions(dir.resolve(CONFIG));
        Path module = moduleConfig(dir);
        if (module != null) {
            JsonObject cfg = ModelJson.json(module);
            String name = module.getFileName().toString();
            for (String kwargs : List.of("processor_kwargs", "tokenizer_args")) {
                if (cfg.has(kwargs)
                        && cfg.get(kwargs).isJsonObject()
                        && cfg.getAsJsonObject(kwargs).has("model_max_length")) {
                    Integer v =
                            number(
                                    module,
                                    kwargs + ".model_max_length",
                                    cfg.getAsJsonObject(kwargs).get("model_max_length"),
                                    true);
                    if (v != null) {
                        return bounded(v, name + " " + kwargs + ".model_max_length", positions);
                    }
                }
            }
            if (cfg.has("max_seq_length")) {
                Integer v = number(module, "max_seq_length", cfg.get("max_seq_length"), false);
                if (v != null) {
                    return bounded(v, name + " max_seq_length", positions);
                }
            }
        }
        if (descriptor != null && descriptor.has("max_length")) {
            Integer declared =
                    number(
                            dir.resolve(ModelJson.DESCRIPTOR),
                            "max_length",
                            descriptor.get("max_length"),
                            false);
            if (declared != null) {
                return bounded(declared, ModelJson.DESCRIPTOR + " max_length", positions);
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

    /** The first module config file sentence-transformers would read, or null. */
    private static Path moduleConfig(Path dir) {
        for (String name : MODULE_CONFIGS) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    /** {@code max_position_embeddings}, or null when absent or -1 (no position limit). */
    private static Integer positions(Path config) throws WorkbenchException {
        JsonObject o = ModelJson.json(config);
        String key = "max_position_embeddings";
        if (o == null || !o.has(key)) {
            return null;
        }
        JsonElement e = o.get(key);
        if (e.isJsonPrimitive()
                && e.getAsJsonPrimitive().isNumber()
                && e.getAsBigDecimal().compareTo(BigDecimal.ONE.negate()) == 0) {
            return null;
        }
        Integer v = number(config, key, e, false);
        return v == null || v == LengthLimit.NONE ? null : v;
    }

    private static LengthLimit bounded(int tokens, String source, Integer positions) {
        if (tokens == LengthLimit.NONE) {
            return positions == null
                    ? new LengthLimit(LengthLimit.NONE, source + ": none")
                    : new LengthLimit(
                            positions,
                            source + " (none), so " + CONFIG + " max_position_embeddings");
        }
        if (positions != null && tokens > positions) {
            return new LengthLimit(
                    positions,
                    source + " " + tokens + ", bounded by " + CONFIG + " max_position_embeddings");
        }
        return new LengthLimit(tokens, source);
    }

    /**
     * A positive whole number under {@code key} of a JSON file, or null when the file or the key is
     * missing (or null, or — with {@code placeholder} — above transformers' placeholder); {@link
     * LengthLimit#NONE} for a number too large to be a limit.
     */
    private static Integer positive(Path file, String key, boolean placeholder)
            throws WorkbenchException {
        JsonObject o = ModelJson.json(file);
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
        if (v.compareTo(BigDecimal.valueOf(LengthLimit.NONE)) >= 0) {
            return LengthLimit.NONE; // more tokens than any text has: no limit of its own
        }
        return v.intValueExact();
    }
}
