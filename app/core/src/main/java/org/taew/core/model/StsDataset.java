package org.taew.core.model;

import java.nio.file.Path;
import java.util.List;

/** Sentence pairs with gold similarity scores (STS-Benchmark and alike). */
public record StsDataset(String name, Path source, List<StsPair> pairs) {
    public StsDataset {
        pairs = List.copyOf(pairs);
    }
}
