package org.taew.core.logic.engine;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.encoding.Encoder.TokenCount;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.util.WorkbenchException;

/**
 * The encoder's input side, DJL's translator before the model: texts to tokens (cut at the model's
 * limit, never silently), the instruction tokens that pooling leaves out, and a padded batch.
 */
final class EncoderTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private EncoderTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** A padded batch: {@code rows × len} ids, attention mask and token types, row-major. */
    record Padded(long[] ids, long[] mask, long[] types, int rows, int len) {}

    static EncoderTokenizer open(ModelSpec spec) throws WorkbenchException {
        try {
            return new EncoderTokenizer(
                    HuggingFaceTokenizer.builder()
                            .optTokenizerPath(spec.tokenizer())
                            .optAddSpecialTokens(true)
                            .optPadding(false)
                            .optTruncation(true)
                            .optMaxLength(spec.maxLength())
                            .build());
        } catch (IOException | RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL,
                    spec.tokenizer()
                            + " could not be loaded as a Hugging Face tokenizer: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The tokens of one text. */
    Encoding encode(String text) {
        return tokenizer.encode(text);
    }

    Encoding[] tokenize(List<String> texts) throws WorkbenchException {
        try {
            return tokenizer.batchEncode(texts);
        } catch (RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL, "Tokenizing failed: " + e.getMessage(), e);
        }
    }

    /** How many tokens each text has, and whether it was cut. */
    static List<TokenCount> counts(Encoding[] encodings) {
        List<TokenCount> counts = new ArrayList<>(encodings.length);
        for (Encoding e : encodings) {
            counts.add(new TokenCount(e.getIds().length, e.exceedMaxLength()));
        }
        return counts;
    }

    /**
     * For each text, how many leading tokens ([CLS] + instruction) mean pooling leaves out; 0 when
     * nothing is excluded. sentence-transformers counts them as the prompt's tokens without the
     * final [SEP].
     */
    int[] excludedPrefixTokens(List<PreparedText> texts) throws WorkbenchException {
        int[] result = new int[texts.size()];
        Map<String, Integer> known = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String prefix = texts.get(i).pooledOutPrefix();
            if (prefix.isEmpty()) {
                continue;
            }
            Integer n = known.get(prefix);
            if (n == null) {
                n = Math.max(0, tokenize(List.of(prefix))[0].getIds().length - 1);
                known.put(prefix, n);
            }
            result[i] = n;
        }
        return result;
    }

    /** The batch padded to its longest text, on the left for causal decoders. */
    static Padded pad(List<Encoding> batch, boolean left) {
        int b = batch.size();
        int len = 0;
        for (Encoding e : batch) {
            len = Math.max(len, e.getIds().length);
        }
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        long[] types = new long[b * len];
        for (int r = 0; r < b; r++) {
            long[] tokenIds = batch.get(r).getIds();
            long[] tokenTypes = batch.get(r).getTypeIds();
            int at = r * len + (left ? len - tokenIds.length : 0);
            System.arraycopy(tokenIds, 0, ids, at, tokenIds.length);
            System.arraycopy(tokenTypes, 0, types, at, tokenTypes.length);
            Arrays.fill(mask, at, at + tokenIds.length, 1L);
        }
        return new Padded(ids, mask, types, b, len);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
