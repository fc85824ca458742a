package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.TestPaths;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.metrics.Correlation;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.model.StsDataset;
import org.taew.core.model.StsPair;
import org.taew.core.util.ProgressListener;

/**
 * STS-Benchmark test (1,379 pairs, no instruction) encoded by the native encoder gives the same
 * Spearman as ONNX Runtime, to 4 decimals, and the published figure. Runs when {@code ../shared} is
 * beside the project (it is in CI).
 */
class NativeStsReproductionTest {
    @ParameterizedTest
    @CsvSource({"e5-small-v2, 0.84916", "bge-small-en-v1.5, 0.85863", "all-MiniLM-L6-v2, 0.82032"})
    void nativeSpearmanEqualsOnnxRuntimesToFourDecimals(String name, double published)
            throws Exception {
        Path file = TestPaths.stsBenchmarkTest();
        assumeTrue(file != null, "../shared/reference-data is not beside the project");
        StsDataset sts = StsReader.readStsBenchmark(file);
        List<PreparedText> first = new ArrayList<>();
        List<PreparedText> second = new ArrayList<>();
        double[] gold = new double[sts.pairs().size()];
        for (int i = 0; i < gold.length; i++) {
            StsPair p = sts.pairs().get(i);
            first.add(PreparedText.plain(p.first()));
            second.add(PreparedText.plain(p.second()));
            gold[i] = p.gold();
        }
        ModelSpec spec = BundledModels.spec(name);
        double ort;
        double nat;
        try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            ort = spearman(e, first, second, gold);
        }
        try (Encoder e = Engines.openNativeEncoder(spec, EncoderOptions.DEFAULT)) {
            nat = spearman(e, first, second, gold);
        }
        assertThat(Math.round(nat * 1e4))
                .as("native %.6f vs ONNX Runtime %.6f", nat, ort)
                .isEqualTo(Math.round(ort * 1e4));
        assertThat(Math.round(nat * 1e4))
                .as("native %.6f vs published %.5f", nat, published)
                .isEqualTo(Math.round(published * 1e4));
    }

    private static double spearman(
            Encoder e, List<PreparedText> a, List<PreparedText> b, double[] gold) throws Exception {
        double[] cos =
                Vectors.pairwiseCosine(
                        e.encode(a, ProgressListener.NONE).vectors(),
                        e.encode(b, ProgressListener.NONE).vectors());
        return Correlation.spearman(cos, gold);
    }
}
