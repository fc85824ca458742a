package org.taew.core.logic.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.TestPaths;
import org.taew.core.model.Arm;
import org.taew.core.model.Mode;
import org.taew.core.util.WorkbenchException;

class ReproductionTest {
    @TempDir Path dir;

    private Path expected(String content) throws Exception {
        Path d = dir.resolve("mini");
        Files.createDirectories(d);
        Path f = d.resolve(Reproduction.DATASET_FILE);
        Files.writeString(f, content.replace("\\n", "\n"));
        return f;
    }

    @Test
    void aDatasetsFileExpectsEachModelInEachMode() throws Exception {
        Reproduction r =
                Reproduction.read(
                        expected(
                                "metric: ndcg_cut.10\ntolerance: 0.002\nresults:\n  e5-small-v2:\n"
                                        + "    general: 0.9\n    task_aware: 0.95\n  m2: {general: 0.5}\n"),
                        dir);
        assertThat(r.sts()).isFalse();
        assertThat(r.data()).isEqualTo(dir.resolve("mini").toAbsolutePath());
        assertThat(r.name()).isEqualTo("mini");
        assertThat(r.models()).containsExactly("e5-small-v2", "m2");
        assertThat(r.modes("e5-small-v2")).isEqualTo(Set.of(Mode.GENERAL, Mode.TASK_AWARE));
        assertThat(r.expected())
                .contains(
                        new Reproduction.Expected(
                                "e5-small-v2", Mode.TASK_AWARE, "ndcg_cut.10", 0.95));
        assertThat(r.bm25()).isEmpty();
        assertThat(r.matches(row("m2", 0.5019, 0.5))).isTrue();
        assertThat(r.matches(row("m2", 0.5021, 0.5))).isFalse();
    }

    private static Reproduction.Row row(String model, double ours, double expected) {
        return new Reproduction.Row(model, Arm.GENERAL, "ndcg_cut.10", ours, expected);
    }

    @Test
    void bm25IsExpectedWithoutAModelOnTheFilesMeasureOrOnMeasuresItNames() throws Exception {
        Reproduction r =
                Reproduction.read(
                        expected(
                                "metric: ndcg_cut.10\nresults:\n  m: {general: 0.5}\n"
                                        + "  BM25: {ndcg_cut.10: 0.6789, recall.100: 0.9253}\n"),
                        dir);
        assertThat(r.models()).containsExactly("m");
        assertThat(r.bm25())
                .containsExactly(
                        new Reproduction.Expected(
                                Reproduction.BM25, Arm.BM25, "ndcg_cut.10", 0.6789),
                        new Reproduction.Expected(
                                Reproduction.BM25, Arm.BM25, "recall.100", 0.9253));
        Reproduction bare =
                Reproduction.read(expected("metric: ndcg_cut.10\nresults:\n  BM25: 0.8069\n"), dir);
        assertThat(bare.models()).isEmpty();
        assertThat(bare.bm25())
                .containsExactly(
                        new Reproduction.Expected(
                                Reproduction.BM25, Arm.BM25, "ndcg_cut.10", 0.8069));
        assertThatThrownBy(
                        () ->
                                Reproduction.read(
                                        expected(
                                                "metric: ndcg_cut.10\nresults:\n"
                                                        + "  BM25: {nDCG: 0.5}\n"),
                                        dir))
                .hasMessageContaining("expected.yaml:3")
                .hasMessageContaining("BM25: ");
    }

    @Test
    void theShippedFilesAreReadable() throws Exception {
        Path ws = TestPaths.workspace();
        List<Path> specs = Reproduction.list(ws.resolve("datasets/reproductions"));
        assertThat(specs).isNotEmpty();
        for (Path p : specs) {
            assertThat(Reproduction.read(p, ws).sts()).isTrue();
        }
        for (String d :
                List.of(
                        "helpdesk-mini",
                        "similar-questions",
                        "qa-passages",
                        "code-search",
                        "doc-to-doc",
                        "query-to-faq",
                        "structured-records")) {
            Reproduction r =
                    Reproduction.read(
                            ws.resolve("datasets").resolve(d).resolve(Reproduction.DATASET_FILE),
                            ws);
            assertThat(r.models())
                    .as(d)
                    .containsExactly("e5-small-v2", "bge-small-en-v1.5", "all-MiniLM-L6-v2");
            // both modes of the three models, and BM25's nDCG@10 and R@100
            assertThat(r.expected()).as(d).hasSize(8);
            assertThat(r.bm25())
                    .as(d)
                    .extracting(Reproduction.Expected::metric)
                    .containsExactly("ndcg_cut.10", "recall.100");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    metric: ndcg_cut.10\\nresult:\\n  m: 0.5\\n                 | 2 | unknown key "result"
                    metric: ndcg_cut.10\\nresults:\\n  m: high\\n            | 3 | the result of m must be a number, not "high"
                    metric: ndcg_cut.10\\nresults:\\n  m: {best: 0.5}\\n     | 3 | unknown key "best" in the results of m
                    metric: bleu.4\\nresults:\\n  m: 0.5\\n                  | 1 | unknown measure 'bleu'
                    data: x.csv\\nmetric: ndcg_cut.10\\nresults:\\n  m: 0.5\\n | 1 | "data" is for specs in datasets/reproductions
                    metric: ndcg_cut.10\\nmode: both\\nresults:\\n  m: 0.5\\n  | 2 | mode "both" is not general or task_aware
                    metric: ndcg_cut.10\\n                                 | 1 | missing "results"
                    """)
    void malformedFilesNameFileLineAndWhatWasExpected(String content, int line, String message)
            throws Exception {
        Path f = expected(content.strip());
        assertThatThrownBy(() -> Reproduction.read(f, dir))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(f + ":" + line + ": ")
                .hasMessageContaining(message);
    }
}
