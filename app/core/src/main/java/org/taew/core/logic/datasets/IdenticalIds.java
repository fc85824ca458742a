package org.taew.core.logic.datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;

/**
 * Whether to leave a document out of a query's ranking when it has the query's own id ("ignore
 * identical ids", BEIR's default for symmetric sets): the one rule the command line, the desktop
 * and {@code datasets check} follow. The user's choice comes first, then {@code dataset.yaml}, then
 * the evidence: a query is also a document when the same id carries the same, or nearly the same,
 * text — ids alone prove nothing, since collections that number queries and documents from 1 share
 * ids by coincidence. Ignoring identical ids never drops a judged-relevant document silently:
 * {@link Decision#warning()} names the queries it happens to.
 */
public final class IdenticalIds {
    /** Token-set overlap (Jaccard) from which two texts count as nearly the same. */
    static final double NEARLY_SAME = 0.8;

    private static final int LISTED = 10;

    private IdenticalIds() {}

    /**
     * What the ids and texts say.
     *
     * @param queries queries looked at
     * @param sharedIds queries whose id is also a document id
     * @param sameText of those, the ones whose document has the same or nearly the same text
     */
    public record Evidence(int queries, int sharedIds, int sameText) {
        /** Queries are documents when at least half of the shared ids carry the same text. */
        public boolean queriesAreDocuments() {
            return sameText > 0 && 2 * sameText >= sharedIds;
        }

        /** The evidence in words. */
        public String describe() {
            if (sharedIds == 0) {
                return "no query id is a document id";
            }
            if (queriesAreDocuments()) {
                return sameText
                        + " of "
                        + queries
                        + " queries are also documents (same id, same text)";
            }
            return sharedIds
                    + " of "
                    + queries
                    + " query ids are also document ids, but "
                    + (sameText == 0 ? "none" : "only " + sameText)
                    + " of them carry the same text: the ids coincide, the queries are not documents";
        }
    }

    /** Where the decision came from. */
    public enum Basis {
        CHOSEN,
        DATASET_FILE,
        EVIDENCE
    }

    /**
     * The decision, why, and the queries judged relevant to the document with their own id (which
     * ignoring identical ids removes from their rankings).
     */
    public record Decision(
            boolean ignore, Basis basis, Evidence evidence, List<String> relevantToThemselves) {
        public Decision {
            relevantToThemselves = List.copyOf(relevantToThemselves);
        }

        /** E.g. "ignore identical ids: yes (dataset.yaml)". */
        public String describe() {
            String why =
                    switch (basis) {
                        case CHOSEN -> "as chosen";
                        case DATASET_FILE -> "as " + DatasetSettings.FILE_NAME + " says";
                        case EVIDENCE -> evidence.describe();
                    };
            return "ignore identical ids: " + (ignore ? "yes" : "no") + " (" + why + ")";
        }

        /**
         * A warning when ignoring identical ids removes a judged-relevant document from some
         * rankings, naming the queries; null otherwise.
         */
        public String warning() {
            if (!ignore || relevantToThemselves.isEmpty()) {
                return null;
            }
            int n = relevantToThemselves.size();
            return n
                    + (n == 1 ? " query is" : " queries are")
                    + " judged relevant to the document with their own id, which ignoring identical"
                    + " ids removes from their rankings: "
                    + String.join(", ", relevantToThemselves.subList(0, Math.min(n, LISTED)))
                    + (n > LISTED ? " and " + (n - LISTED) + " more" : "");
        }
    }

    /**
     * Decides for a loaded dataset.
     *
     * @param chosen the user's choice (an option, a check box), or null
     */
    public static Decision decide(
            Boolean chosen, DatasetSettings settings, RetrievalDataset dataset) {
        Evidence evidence = evidence(dataset.queries(), dataset.documents());
        boolean ignore;
        Basis basis;
        if (chosen != null) {
            ignore = chosen;
            basis = Basis.CHOSEN;
        } else if (settings.ignoreIdenticalIds() != null) {
            ignore = settings.ignoreIdenticalIds();
            basis = Basis.DATASET_FILE;
        } else {
            ignore = evidence.queriesAreDocuments();
            basis = Basis.EVIDENCE;
        }
        return new Decision(ignore, basis, evidence, relevantToThemselves(dataset.qrels()));
    }

    /** Compares each query with the document of the same id. */
    public static Evidence evidence(List<TextItem> queries, List<TextItem> documents) {
        Map<String, String> docs = new HashMap<>();
        for (TextItem d : documents) {
            docs.put(d.id(), d.text());
        }
        int shared = 0;
        int same = 0;
        for (TextItem q : queries) {
            String d = docs.get(q.id());
            if (d != null) {
                shared++;
                if (sameText(q.text(), d)) {
                    same++;
                }
            }
        }
        return new Evidence(queries.size(), shared, same);
    }

    /** The queries judged relevant (grade ≥ 1) to the document with their own id, in order. */
    public static List<String> relevantToThemselves(Qrels qrels) {
        List<String> out = new ArrayList<>();
        for (String q : qrels.queryIds()) {
            Integer g = qrels.of(q).get(q);
            if (g != null && g >= 1) {
                out.add(q);
            }
        }
        return out;
    }

    /**
     * Whether a query and a document are the same text: equal after folding case, punctuation and
     * spacing; or the document starts with the query (a query that is the document's title, as BEIR
     * joins title and text); or their word sets overlap by {@value #NEARLY_SAME} or more.
     */
    public static boolean sameText(String query, String document) {
        String q = normalize(query);
        String d = normalize(document);
        if (q.isEmpty() || d.isEmpty()) {
            return q.equals(d);
        }
        if (q.equals(d) || d.startsWith(q + " ")) {
            return true;
        }
        Set<String> a = new HashSet<>(List.of(q.split(" ")));
        Set<String> b = new HashSet<>(List.of(d.split(" ")));
        int both = 0;
        for (String w : a) {
            if (b.contains(w)) {
                both++;
            }
        }
        int either = a.size() + b.size() - both;
        return (double) both / either >= NEARLY_SAME;
    }

    private static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                sb.appendCodePoint(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        return sb.toString().strip().toLowerCase(Locale.ROOT);
    }
}
