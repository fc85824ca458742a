package org.taew.core.logic.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.Embeddings;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

class EmbeddingServiceTest {
    /** A deterministic encoder that records what it was asked to encode. */
    static class CountingEncoder implements Encoder {
        final List<String> seen = new ArrayList<>();
        final ModelSpec spec =
                new ModelSpec(
                        "fake",
                        Path.of("."),
                        Path.of("m.onnx"),
                        Path.of("t.json"),
                        Pooling.MEAN,
                        true,
                        8,
                        "generic",
                        Map.of(),
                        "cd".repeat(32));

        @Override
        public ModelSpec model() {
            return spec;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public List<TokenCount> countTokens(List<String> texts) {
            List<TokenCount> out = new ArrayList<>();
            for (String t : texts) {
                out.add(new TokenCount(Math.min(8, t.length()), t.length() > 8));
            }
            return out;
        }

        @Override
        public Encoded encode(List<PreparedText> texts, ProgressListener progress) {
            float[] v = new float[texts.size() * 2];
            List<String> raw = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i).text();
                seen.add(t);
                raw.add(t);
                v[2 * i] = t.length();
                v[2 * i + 1] = t.hashCode() % 7;
            }
            progress.increment(texts.size());
            return new Encoded(new Embeddings(v, texts.size(), 2), countTokens(raw));
        }

        @Override
        public void close() {}
    }

    private static List<PreparedText> texts(String... t) {
        List<PreparedText> out = new ArrayList<>();
        for (String s : t) {
            out.add(PreparedText.plain(s));
        }
        return out;
    }

    @Test
    void onlyTextsNotSeenBeforeAreEncodedAndRepeatsOnlyOnce(@TempDir Path dir) throws Exception {
        CountingEncoder enc = new CountingEncoder();
        try (EmbeddingService s = new EmbeddingService(enc, dir)) {
            EmbeddingService.Result first =
                    s.encode(texts("a", "b", "a", "a very long text"), "x", ProgressListener.NONE);
            assertThat(enc.seen).containsExactly("a", "b", "a very long text");
            assertThat(first.report().encoded()).isEqualTo(3);
            assertThat(first.report().fromCache()).isEqualTo(1);
            assertThat(first.report().truncated()).isEqualTo(1);
            assertThat(first.vectors().row(2)).containsExactly(first.vectors().row(0));
        }
        // a new process: only "c" is new; truncation of the cached long text is still reported
        CountingEncoder again = new CountingEncoder();
        try (EmbeddingService s = new EmbeddingService(again, dir)) {
            EmbeddingService.Result second =
                    s.encode(texts("a very long text", "c", "b"), "x", ProgressListener.NONE);
            assertThat(again.seen).containsExactly("c");
            assertThat(second.report().fromCache()).isEqualTo(2);
            assertThat(second.report().truncated()).isEqualTo(1);
            assertThat(second.vectors().row(0))
                    .containsExactly(16f, "a very long text".hashCode() % 7);
        }
    }

    @Test
    void anEngineWithItsOwnVectorsGetsItsOwnCacheFile(@TempDir Path dir) throws Exception {
        CountingEncoder reference = new CountingEncoder();
        try (EmbeddingService s = new EmbeddingService(reference, dir)) {
            assertThat(s.cache()).isNotNull();
            s.encode(texts("a", "b"), "x", ProgressListener.NONE);
        }
        // the native encoder, then the same with Matryoshka dimensions: tags make the key no hex
        for (String tag : List.of(";engine=native", ";engine=native;dim=1")) {
            CountingEncoder tagged =
                    new CountingEncoder() {
                        @Override
                        public String cacheTag() {
                            return tag;
                        }
                    };
            try (EmbeddingService s = new EmbeddingService(tagged, dir)) {
                assertThat(s.cache()).as(tag).isNotNull();
                s.encode(texts("a", "b"), "x", ProgressListener.NONE);
            }
            assertThat(tagged.seen)
                    .as("nothing of another engine is reused")
                    .containsExactly("a", "b");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".emb")).count()).isEqualTo(3);
        }
    }

    /**
     * Encodes in batches of two, storing each through the sink; the caller is interrupted (a
     * Cancel) while the batch at {@code cancelAt} is being stored, and the request stops after it.
     */
    static class BatchingEncoder extends CountingEncoder {
        final int cancelAt;

        BatchingEncoder(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public Encoded encode(List<PreparedText> texts, ProgressListener progress) {
            throw new AssertionError("the service hands finished batches over through a sink");
        }

        @Override
        public Encoded encode(List<PreparedText> texts, ProgressListener progress, BatchSink sink)
                throws WorkbenchException {
            List<Float> all = new ArrayList<>();
            List<TokenCount> counts = new ArrayList<>();
            for (int from = 0, batch = 0; from < texts.size(); from += 2, batch++) {
                ProgressListener.checkCancelled();
                int to = Math.min(texts.size(), from + 2);
                Encoded part = super.encode(texts.subList(from, to), progress);
                int[] positions = new int[to - from];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = from + i;
                }
                if (batch == cancelAt) {
                    Thread.currentThread().interrupt();
                }
                sink.accept(positions, part.vectors().data().clone(), part.tokens());
                for (float f : part.vectors().data()) {
                    all.add(f);
                }
                counts.addAll(part.tokens());
            }
            float[] v = new float[all.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = all.get(i);
            }
            return new Encoded(new Embeddings(v, texts.size(), 2), counts);
        }
    }

    @Test
    void aCancelledRequestKeepsTheBatchesItFinished(@TempDir Path dir) throws Exception {
        List<PreparedText> input = texts("t1", "t2", "t3", "t4", "t5", "a long text number six");
        BatchingEncoder cancelled = new BatchingEncoder(1);
        try (EmbeddingService s = new EmbeddingService(cancelled, dir)) {
            assertThatThrownBy(() -> s.encode(input, "x", ProgressListener.NONE))
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("Cancelled");
            assertThat(Thread.interrupted()).as("the cancel is kept for the caller").isTrue();
            assertThat(s.cache().size())
                    .as("both finished batches stored, the second while the cancel was pending")
                    .isEqualTo(4);
        }
        BatchingEncoder again = new BatchingEncoder(-1);
        try (EmbeddingService s = new EmbeddingService(again, dir)) {
            EmbeddingService.Result r = s.encode(input, "x", ProgressListener.NONE);
            assertThat(again.seen).containsExactly("t5", "a long text number six");
            assertThat(r.report().fromCache()).isEqualTo(4);
            assertThat(r.report().truncated()).isEqualTo(1);
            assertThat(r.vectors().row(3)).containsExactly(2f, "t4".hashCode() % 7);
            assertThat(r.vectors().row(5))
                    .containsExactly(22f, "a long text number six".hashCode() % 7);
        }
    }

    @Test
    void aPendingCancelNeitherClosesTheCacheNorIsLost(@TempDir Path dir) throws Exception {
        CountingEncoder enc = new CountingEncoder();
        try (EmbeddingService s = new EmbeddingService(enc, dir)) {
            s.encode(texts("a", "b"), "x", ProgressListener.NONE);
            Thread.currentThread().interrupt(); // a Cancel arriving while the cache is read
            EmbeddingService.Result r = s.encode(texts("a", "b", "c"), "x", ProgressListener.NONE);
            assertThat(Thread.interrupted()).as("the cancel is kept for the caller").isTrue();
            assertThat(r.report().fromCache()).isEqualTo(2);
            EmbeddingService.Result again = s.encode(texts("c"), "x", ProgressListener.NONE);
            assertThat(again.report().fromCache())
                    .as("the channel stayed open: reads and the append under the cancel worked")
                    .isEqualTo(1);
        }
        assertThat(enc.seen).containsExactly("a", "b", "c");
    }

    @Test
    void cutVectorsAreStoredCutBatchByBatch(@TempDir Path dir) throws Exception {
        List<PreparedText> input = texts("t1", "t2", "t3");
        Encoder cut = Dimensions.truncate(new BatchingEncoder(-1), 1);
        float[] expected;
        try (EmbeddingService s = new EmbeddingService(cut, dir)) {
            expected = s.encode(input, "x", ProgressListener.NONE).vectors().data();
            assertThat(s.cache().size()).isEqualTo(3);
        }
        BatchingEncoder inner = new BatchingEncoder(-1);
        try (EmbeddingService s = new EmbeddingService(Dimensions.truncate(inner, 1), dir)) {
            EmbeddingService.Result r = s.encode(input, "x", ProgressListener.NONE);
            assertThat(inner.seen).isEmpty();
            assertThat(r.vectors().dim()).isEqualTo(1);
            assertThat(r.vectors().data()).containsExactly(expected);
        }
    }

    @Test
    void withoutACacheEverythingIsEncoded() throws Exception {
        CountingEncoder enc = new CountingEncoder();
        try (EmbeddingService s = new EmbeddingService(enc, null)) {
            s.encode(texts("a", "b"), "x", ProgressListener.NONE);
            s.encode(texts("a", "b"), "x", ProgressListener.NONE);
        }
        assertThat(enc.seen).containsExactly("a", "b", "a", "b");
    }
}
