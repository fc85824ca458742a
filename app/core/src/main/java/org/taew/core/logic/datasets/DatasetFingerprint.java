package org.taew.core.logic.datasets;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;
import org.taew.core.util.Hashing;

/**
 * What a retrieval split's numbers depend on, as one SHA-256: every document's id and text, every
 * query's id and text, and the split's judgments, in a canonical order. Two evaluations with the
 * same fingerprint ran on the same data, whatever the files' formatting or location.
 */
public final class DatasetFingerprint {
    private DatasetFingerprint() {}

    /** The hex SHA-256. */
    public static String of(RetrievalDataset d) {
        MessageDigest md = Hashing.sha256();
        Hashing.field(md, "documents");
        for (TextItem t : d.documents()) {
            Hashing.field(md, t.id());
            Hashing.field(md, t.text());
        }
        Hashing.field(md, "queries");
        for (TextItem t : d.queries()) {
            Hashing.field(md, t.id());
            Hashing.field(md, t.text());
        }
        Hashing.field(md, "qrels");
        for (Map.Entry<String, Map<String, Integer>> q :
                new TreeMap<>(d.qrels().asMap()).entrySet()) {
            for (Map.Entry<String, Integer> j : new TreeMap<>(q.getValue()).entrySet()) {
                Hashing.field(md, q.getKey());
                Hashing.field(md, j.getKey());
                Hashing.field(md, Integer.toString(j.getValue()));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
