package org.taew.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A retrieval measure, named so that nobody compares it with a different trec_eval number: {@code
 * ndcg_cut.10}, {@code map_cut.10}, {@code recall.100} and {@code P.10} as trec_eval names them;
 * the reciprocal rank cut at k as {@code RR@10} (ir_measures' name; MTEB's {@code mrr_at_10};
 * trec_eval computes it with {@code -M 10 -m recip_rank}, while its {@code -m recip_rank.10}
 * ignores the {@code .10} and prints the uncut value); and {@code recip_rank}, trec_eval's uncut
 * reciprocal rank over the whole ranking as written to the run file. Cut measures carry their
 * cut-off {@code k} ≥ 1; the uncut one has {@code k == 0}.
 */
public record MetricId(Kind kind, int k) {
    /** The measures. */
    public enum Kind {
        NDCG_CUT("ndcg_cut", "nDCG", true),
        MAP_CUT("map_cut", "MAP", true),
        RR_CUT("RR", "MRR", true),
        RECALL("recall", "Recall", true),
        P("P", "P", true),
        RECIP_RANK("recip_rank", "MRR", false);

        private final String trecName;
        private final String shortName;
        private final boolean cut;

        Kind(String trecName, String shortName, boolean cut) {
            this.trecName = trecName;
            this.shortName = shortName;
            this.cut = cut;
        }

        public String trecName() {
            return trecName;
        }

        public String shortName() {
            return shortName;
        }

        /** Whether the measure has a cut-off k. */
        public boolean cut() {
            return cut;
        }
    }

    public MetricId {
        if (kind.cut && k < 1) {
            throw new IllegalArgumentException("cut-off must be at least 1, got " + k);
        }
        if (!kind.cut && k != 0) {
            throw new IllegalArgumentException(kind.trecName + " has no cut-off");
        }
    }

    /** The uncut reciprocal rank, trec_eval's {@code recip_rank}. */
    public static final MetricId RECIP_RANK = new MetricId(Kind.RECIP_RANK, 0);

    /**
     * Every measure that has a cut-off, at {@code k}: what "the measures at k" means everywhere.
     */
    public static List<MetricId> atCutoff(int k) {
        List<MetricId> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.cut) {
                all.add(new MetricId(kind, k));
            }
        }
        return all;
    }

    private static final String EXAMPLES =
            "ndcg_cut.10, map_cut.10, RR@10, recall.100, P.10 or recip_rank";

    /**
     * Parses {@code ndcg_cut.10}, {@code P.5}, {@code RR@10}, {@code recip_rank}; also {@code
     * ndcg@10}, {@code mrr@10}, {@code recall@100}. {@code recip_rank.10} is refused: trec_eval
     * reads it as the uncut {@code recip_rank}, so the name cannot say which one is meant.
     */
    public static MetricId parse(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase(Kind.RECIP_RANK.trecName)) {
            return RECIP_RANK;
        }
        int sep = Math.max(t.lastIndexOf('.'), t.lastIndexOf('@'));
        if (sep <= 0 || sep == t.length() - 1) {
            throw new IllegalArgumentException(
                    "'" + s + "' is not a measure; expected e.g. " + EXAMPLES);
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
        if (name.equalsIgnoreCase(Kind.RECIP_RANK.trecName)) {
            throw new IllegalArgumentException(
                    "'"
                            + s
                            + "' is ambiguous: trec_eval's -m "
                            + s
                            + " ignores the cut-off and prints the uncut recip_rank; say RR@"
                            + k
                            + " for the reciprocal rank cut at "
                            + k
                            + " (MTEB's mrr_at_"
                            + k
                            + ", trec_eval -M "
                            + k
                            + " -m recip_rank) or recip_rank for the uncut one");
        }
        for (Kind kind : Kind.values()) {
            if (kind.cut
                    && (kind.trecName.equalsIgnoreCase(name)
                            || kind.shortName.equalsIgnoreCase(name))) {
                return new MetricId(kind, k);
            }
        }
        throw new IllegalArgumentException(
                "unknown measure '" + name + "'; expected e.g. " + EXAMPLES);
    }

    /** The name in results and options: {@code ndcg_cut.10}, {@code RR@10}, {@code recip_rank}. */
    public String name() {
        if (!kind.cut) {
            return kind.trecName;
        }
        return kind == Kind.RR_CUT ? kind.trecName + "@" + k : kind.trecName + "." + k;
    }

    /** A short label for tables and charts: {@code nDCG@10}, {@code MRR@10}, uncut {@code MRR}. */
    public String label() {
        return kind.cut ? kind.shortName + "@" + k : kind.shortName;
    }

    @Override
    public String toString() {
        return name();
    }
}
