package org.taew.core.logic.encoding;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.model.LengthLimit;
import org.taew.core.model.Template;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

/**
 * What an instruction costs with a model's tokenizer: its own tokens (the template's text around
 * the input, special tokens not counted), and how many texts of one side exceed the model's limit
 * with and without it (those lose their ends).
 *
 * @param instructionTokens tokens the template adds to every text
 * @param texts texts measured
 * @param truncated texts that exceed the limit with the template applied
 * @param truncatedWithout texts that exceed it as they are
 * @param limit the model's limit in tokens, and where it was found
 */
public record InstructionCost(
        int instructionTokens, int texts, int truncated, int truncatedWithout, LengthLimit limit) {

    /** The limit in tokens ({@link LengthLimit#NONE}: texts are not cut). */
    public int maxLength() {
        return limit.tokens();
    }

    public double truncatedShare() {
        return texts == 0 ? 0 : (double) truncated / texts;
    }

    public static InstructionCost measure(Encoder encoder, Template template, List<TextItem> items)
            throws WorkbenchException {
        List<Encoder.TokenCount> bare = encoder.countTokens(List.of("", template.apply("")));
        int added = bare.get(1).tokens() - bare.get(0).tokens();
        List<String> raw = new ArrayList<>(items.size());
        List<String> applied = new ArrayList<>(items.size());
        for (TextItem t : items) {
            raw.add(t.text());
            applied.add(template.apply(t.text()));
        }
        int without = count(encoder.countTokens(raw));
        int with = template.isIdentity() ? without : count(encoder.countTokens(applied));
        return new InstructionCost(
                added, items.size(), with, without, encoder.model().lengthLimit());
    }

    private static int count(List<Encoder.TokenCount> counts) {
        int n = 0;
        for (Encoder.TokenCount c : counts) {
            if (c.truncated()) {
                n++;
            }
        }
        return n;
    }
}
