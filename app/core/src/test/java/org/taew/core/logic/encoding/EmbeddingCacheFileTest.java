package org.taew.core.logic.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheFileTest {
    private static final String IDENTITY = "cd".repeat(32);
    private static final int DIM = 2;

    @TempDir Path dir;

    private static void key(int i, ByteBuffer into) {
        for (int b = 0; b < 32; b++) {
            into.put((byte) (i + 1));
        }
    }

    @Test
    void appendedRecordsScanAndReadBackAndAFlippedByteFailsTheCheck() throws Exception {
        Path file = dir.resolve("x.emb");
        EmbeddingCacheFile f = EmbeddingCacheFile.open(file, IDENTITY, DIM);
        long first =
                f.append(
                        2, EmbeddingCacheFileTest::key, new int[] {7, 8}, new float[] {1, 2, 3, 4});
        assertThat(first).isEqualTo(EmbeddingCacheFile.HEADER_BYTES);
        long second = first + f.recordBytes();
        float[] out = new float[DIM];
        assertThat(f.read(second, f.recordBuffer(), out, 0)).isEqualTo(8);
        assertThat(out).containsExactly(3, 4);
        f.close();

        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(second + 33);
            int b = raf.read();
            raf.seek(second + 33);
            raf.write(b ^ 0x55);
        }
        EmbeddingCacheFile g = EmbeddingCacheFile.open(file, IDENTITY, DIM);
        List<Long> intact = new ArrayList<>();
        EmbeddingCacheFile.Scan scan = g.scan((a, off, pos) -> intact.add(pos));
        assertThat(scan).isEqualTo(new EmbeddingCacheFile.Scan(1, 1, 0));
        assertThat(intact).containsExactly(first);
        float[] untouched = {9, 9};
        assertThat(g.read(second, g.recordBuffer(), untouched, 0)).isNull();
        assertThat(untouched).containsExactly(9, 9);
        assertThat(g.aside()).isNull();
        g.close();
    }

    @Test
    void aFileLockedAlreadyIsNotOpenedAgain() throws Exception {
        Path file = dir.resolve("y.emb");
        EmbeddingCacheFile f = EmbeddingCacheFile.open(file, IDENTITY, DIM);
        try {
            assertThat(EmbeddingCacheFile.open(file, IDENTITY, DIM)).isNull();
        } finally {
            f.close();
        }
    }
}
