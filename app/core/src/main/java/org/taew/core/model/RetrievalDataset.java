package org.taew.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A retrieval evaluation set in BEIR layout, loaded: queries, documents and the judgments of one
 * split.
 *
 * @param name the dataset's name (its folder name)
 * @param source the folder it was read from
 * @param split the qrels split ({@code test}, {@code dev}, …)
 */
public record RetrievalDataset(
        String name,
        Path source,
        String split,
        List<TextItem> queries,
        List<TextItem> documents,
        Qrels qrels) {
    public RetrievalDataset {
        queries = List.copyOf(queries);
        documents = List.copyOf(documents);
    }
}
