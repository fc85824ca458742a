package org.taew.core.model;

import java.util.Locale;

/**
 * A retrieval measure at a cut-off, named as trec_eval names it: {@code ndcg_cut.10}, {@code
 * map_cut.10}, {@code recall.100}, {@code P.10}; MRR@k is {@code recip_rank.10} (trec_eval's {@code
 * recip_rank} with the ranking cut at k, MTEB's {@code mrr_at_10}).
 */
public record MetricId(Kind kind, int k) {
    /** The measures. */
    public enum Kind {
        NDCG_CUT("ndcg_cut", "nDCG"),
        MAP_CUT("map_cut", "MAP"),
        RECIP_RANK("recip_rank", "MRR"),
        RECALL("recall", "Recall"),
        P("P", "P");

        private final String trecName;
        private final String shortName;

        Kind(String trecName, String shortName) {
            this.trecName = trecName;
            this.shortName = shortName;
        }

        public String trecName() {
            return trecName;
        }

        public String shortName() {
            return shortName;
        }
    }

    public MetricId {
        if (k < 1) {
            throw new IllegalArgumentException("cut-off must be at least 1, got " + k);
        }
    }

    /**
     * Parses {@code ndcg_cut.10}, {@code P.5}, {@code recip_rank.10}; also {@code ndcg@10}, {@code
     * mrr@10}.
     */
    public static MetricId parse(String s) {
        String t = s.trim();
        int sep = Math.max(t.lastIndexOf('.'), t.lastIndexOf('@'));
        if (sep <= 0 || sep == t.length() - 1) {
            throw new IllegalArgumentException(
                    "'"
                            + s
                            + "' is not a measure; expected e.g. ndcg_cut.10, map_cut.10, recip_rank.10,"
                            + " recall.100, P.10");
        }
        String name = t.substring(0, sep);
        int k;
        try {
            k = Integer.parseInt(t.substring(sep + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'"
                            + s
                            + "': the cut-off after '"
                            + t.charAt(sep)
                            + "' must be a whole number");
        }
        for (Kind kind : Kind.values()) {
            if (kind.trecName.equals(name)
                    || kind.shortName
                            .toLowerCase(Locale.ROOT)
                            .equals(name.toLowerCase(Locale.ROOT))) {
                return new MetricId(kind, k);
            }
        }
        throw new IllegalArgumentException(
                "unknown measure '"
                        + name
                        + "'; expected ndcg_cut, map_cut, recip_rank, recall or P");
    }

    /** The trec_eval-style name, e.g. {@code ndcg_cut.10}. */
    public String name() {
        return kind.trecName + "." + k;
    }

    /** A short label for tables and charts, e.g. {@code nDCG@10}. */
    public String label() {
        return kind.shortName + "@" + k;
    }

    @Override
    public String toString() {
        return name();
    }
}
