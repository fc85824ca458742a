package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.PreparedText;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * How long a search will take at most, estimated before it starts: a few queries and a few
 * documents encoded by the model itself (not from the cache, which would make them free), timed,
 * and scaled to the budget's query encodes and the corpus passes. The cache makes the search
 * cheaper than that whenever a query is asked again with a template it has already seen.
 */
final class SearchTiming {
    private static final int PROBE = 8;

    private SearchTiming() {}

    /**
     * Seconds, at most: as many query encodes as the searches may spend ({@code searches} × {@code
     * budget}) or as there are distinct (wording, query) pairs, whichever is fewer, and {@code
     * corpusPasses} passes over {@code documents}.
     */
    static double estimate(
            Encoder encoder,
            InstructionPair card,
            List<TextItem> queries,
            List<TextItem> documents,
            int wordings,
            int corpusPasses,
            int budget,
            int searches)
            throws WorkbenchException {
        double perQuery = secondsPerText(encoder, card, Side.QUERY, queries);
        double perDocument =
                corpusPasses == 0 ? 0 : secondsPerText(encoder, card, Side.DOCUMENT, documents);
        double encodes = Math.min((double) searches * budget, (double) wordings * queries.size());
        return encodes * perQuery + (double) corpusPasses * documents.size() * perDocument;
    }

    private static double secondsPerText(
            Encoder encoder, InstructionPair card, Side side, List<TextItem> texts)
            throws WorkbenchException {
        List<PreparedText> probe = new ArrayList<>();
        for (int i = 0; i < Math.min(PROBE, texts.size()); i++) {
            probe.add(card.prepare(side, texts.get(i).text()));
        }
        if (probe.isEmpty()) {
            return 0;
        }
        long start = System.nanoTime();
        encoder.encode(probe, ProgressListener.NONE);
        return (System.nanoTime() - start) / 1e9 / probe.size();
    }
}
