package org.taew.desktop.session;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.InstructionCost;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.LengthLimit;
import org.taew.core.model.Side;
import org.taew.core.model.Template;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

/**
 * The editor's token preview: for each side, what the template costs with the model's tokenizer on
 * the dataset's texts. Remembered per side and template (for one dataset and model), so only a
 * changed side is tokenized again. The memo is touched on the UI thread only; {@link #measure} runs
 * on the worker.
 */
final class TokenPreview {
    private final Map<String, String> memo = new HashMap<>();

    void clear() {
        memo.clear();
    }

    private static String key(Side side, Template t) {
        return side + "\u0000" + t.prefix() + "\u0000" + t.suffix();
    }

    /** The previews already known for the pair's sides. */
    Map<Side, String> known(InstructionPair pair) {
        Map<Side, String> out = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            String text = memo.get(key(side, pair.template(side)));
            if (text != null) {
                out.put(side, text);
            }
        }
        return out;
    }

    void remember(InstructionPair pair, Map<Side, String> previews) {
        previews.forEach((side, text) -> memo.put(key(side, pair.template(side)), text));
    }

    /** The texts of one side and what to call them ("queries", "first sentences"). */
    record SideTexts(List<TextItem> items, String name) {}

    /**
     * Measures the given sides (worker thread).
     *
     * @param texts the texts of each side: queries and documents, or first and second sentences
     */
    static Map<Side, String> measure(
            Encoder encoder, Map<Side, SideTexts> texts, InstructionPair pair, List<Side> sides)
            throws WorkbenchException {
        Map<Side, String> out = new EnumMap<>(Side.class);
        for (Side side : sides) {
            SideTexts t = texts.get(side);
            out.put(
                    side,
                    describe(
                            InstructionCost.measure(encoder, pair.template(side), t.items()),
                            t.name()));
        }
        return out;
    }

    static String describe(InstructionCost c, String texts) {
        LengthLimit limit = c.limit();
        String s =
                limit.cuts()
                        ? String.format(
                                Locale.ROOT,
                                "%d instruction tokens · %d of %d %s truncated at %d tokens (%.1f%%)",
                                c.instructionTokens(),
                                c.truncated(),
                                c.texts(),
                                texts,
                                c.maxLength(),
                                100 * c.truncatedShare())
                        : String.format(
                                Locale.ROOT,
                                "%d instruction tokens · %d %s, none truncated",
                                c.instructionTokens(),
                                c.texts(),
                                texts);
        if (c.truncated() != c.truncatedWithout()) {
            s += String.format(Locale.ROOT, "; %d without the instruction", c.truncatedWithout());
        }
        return s + (limit.cuts() ? " · limit from " : " · no length limit: ") + limit.source();
    }
}
