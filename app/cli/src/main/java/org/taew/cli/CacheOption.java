package org.taew.cli;

import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import picocli.CommandLine.Option;

/** {@code --no-cache}, shared by the commands that encode. */
final class CacheOption {
    @Option(
            names = "--no-cache",
            description = "Encode everything; do not read or write the embedding cache.")
    boolean off;

    /** The encoder behind the embedding cache of {@code common}'s home, unless it is off. */
    EmbeddingService embedder(Encoder encoder, CommonOptions common) {
        return new EmbeddingService(encoder, common.cacheDir(!off));
    }
}
