package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.model.StsDataset;

class StsReaderTest {
    @Test
    void readsTheStsBenchmarkTestFileAsItIs() throws Exception {
        Path file = TestPaths.stsBenchmarkTest();
        assumeTrue(file != null, "../shared/reference-data is not beside the project");
        StsDataset ds = StsReader.readStsBenchmark(file);
        assertThat(ds.pairs()).hasSize(1379);
        assertThat(ds.pairs().get(0).gold()).isEqualTo(2.5);
        assertThat(ds.pairs().get(0).first()).isEqualTo("A girl is styling her hair.");
        assertThat(ds.pairs().get(0).second()).isEqualTo("A girl is brushing her hair.");
    }

    @Test
    void rowsWithExtraSourceColumnsKeepTheirSentences(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sts.csv");
        Files.writeString(
                f, "g\tf\ty\t1\t4.0\tOne \"quoted\".\tTwo.\tsrc-a\tsrc-b\ng\tf\ty\t2\t0\tA\tB\n");
        StsDataset ds = StsReader.readStsBenchmark(f);
        assertThat(ds.pairs().get(0).first()).isEqualTo("One \"quoted\".");
        assertThat(ds.pairs().get(0).second()).isEqualTo("Two.");
    }

    @Test
    void malformedRowsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sts.csv");
        Files.writeString(f, "g\tf\ty\t1\t4.0\tA\tB\ng\tf\ty\t2\tfour\tA\tB\n");
        assertThatThrownBy(() -> StsReader.readStsBenchmark(f))
                .hasMessage(f + ":2: score \"four\" in column 5 is not a number");
        Files.writeString(f, "g\tf\ty\t1\t4.0\tA\tB\ng\tf\t2\t4.0\tA\n");
        assertThatThrownBy(() -> StsReader.readStsBenchmark(f))
                .hasMessageStartingWith(f + ":2: expected at least 7");
        Files.writeString(f, "g\tf\ty\t1\t4.0\tA\t \ng\tf\ty\t2\t4.0\tA\tB\n");
        assertThatThrownBy(() -> StsReader.readStsBenchmark(f))
                .hasMessage(f + ":1: a sentence of the pair is empty");
    }
}
