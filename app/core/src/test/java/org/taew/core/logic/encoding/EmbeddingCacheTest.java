package org.taew.core.logic.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.PreparedText;

class EmbeddingCacheTest {
    private static final String IDENTITY = "ab".repeat(32);
    private static final int DIM = 4;

    @TempDir Path dir;

    private static EmbeddingCache.Key key(String text) {
        return EmbeddingCache.key(PreparedText.plain(text));
    }

    private void putThree() throws Exception {
        try (EmbeddingCache c = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            c.putAll(
                    new EmbeddingCache.Key[] {key("a"), key("b"), key("c")},
                    new int[] {
                        EmbeddingCache.info(3, false),
                        EmbeddingCache.info(600, true),
                        EmbeddingCache.info(4, false)
                    },
                    new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        }
    }

    @Test
    void vectorsSurviveAReopen() throws Exception {
        putThree();
        try (EmbeddingCache c = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            assertThat(c.size()).isEqualTo(3);
            float[] out = new float[DIM];
            int info = c.get(key("b"), out, 0);
            assertThat(out).containsExactly(5, 6, 7, 8);
            assertThat(EmbeddingCache.tokensOf(info)).isEqualTo(600);
            assertThat(EmbeddingCache.truncatedOf(info)).isTrue();
            assertThat(c.get(key("zzz"), out, 0)).isNull();
        }
    }

    @Test
    void keyDependsOnWhatPoolingLeavesOut() {
        assertThat(EmbeddingCache.key(new PreparedText("q: x", "q: ")))
                .isNotEqualTo(EmbeddingCache.key(new PreparedText("q: x", "")));
    }

    @Test
    void aTornLastRecordIsCutAndTheRestKept() throws Exception {
        putThree();
        Path file = EmbeddingCache.fileFor(dir, IDENTITY);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 7);
        }
        try (EmbeddingCache c = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            assertThat(c.openReport().records()).isEqualTo(2);
            assertThat(c.openReport().truncatedBytes()).isPositive();
            assertThat(c.contains(key("c"))).isFalse();
            // appending after the cut works and is read back
            c.putAll(new EmbeddingCache.Key[] {key("c")}, new int[] {0}, new float[] {0, 0, 0, 1});
        }
        try (EmbeddingCache c = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            float[] out = new float[DIM];
            assertThat(c.get(key("c"), out, 0)).isNotNull();
            assertThat(out).containsExactly(0, 0, 0, 1);
        }
    }

    @Test
    void aFlippedByteOnlyLosesThatRecord() throws Exception {
        putThree();
        Path file = EmbeddingCache.fileFor(dir, IDENTITY);
        int record = 32 + 4 + 4 * DIM + 4;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long pos =
                    EmbeddingCache.HEADER_BYTES
                            + (long) record
                            + 40; // inside the second record's vector
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x55);
        }
        try (EmbeddingCache c = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            assertThat(c.openReport().corruptRecords()).isEqualTo(1);
            assertThat(c.contains(key("a"))).isTrue();
            assertThat(c.contains(key("b"))).isFalse();
            assertThat(c.contains(key("c"))).isTrue();
        }
    }

    @Test
    void aDamagedHeaderStartsAFreshFileAndKeepsTheOldOneAside() throws Exception {
        putThree();
        Path file = EmbeddingCache.fileFor(dir, IDENTITY);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(2);
            raf.write('X');
        }
        try (EmbeddingCache c = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            assertThat(c.openReport().replacedFile()).isTrue();
            assertThat(c.size()).isZero();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.contains(".corrupt-"));
        }
    }

    @Test
    void garbageInsteadOfACacheFileIsNotACrash() throws Exception {
        Path file = EmbeddingCache.fileFor(dir, IDENTITY);
        Files.writeString(file, "not a cache");
        try (EmbeddingCache c = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            assertThat(c).isNotNull();
            assertThat(c.size()).isZero();
        }
    }

    @Test
    void openingTwiceInOneProcessSharesTheInstance() throws Exception {
        try (EmbeddingCache a = EmbeddingCache.open(dir, IDENTITY, DIM);
                EmbeddingCache b = EmbeddingCache.open(dir, IDENTITY, DIM)) {
            assertThat(a).isSameAs(b);
            a.putAll(new EmbeddingCache.Key[] {key("x")}, new int[] {0}, new float[] {1, 1, 1, 1});
            assertThat(b.contains(key("x"))).isTrue();
        }
    }
}
