package org.taew.core.logic.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.Pooling;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.StsDataset;
import org.taew.core.model.StsPair;
import org.taew.core.model.Template;
import org.taew.core.model.TemplateSource;
import org.taew.core.model.TextItem;

/**
 * results.json's layout, pinned: a retrieval and an STS result of fixed numbers are written and
 * compared with golden files (export/results-*.json). A change of layout fails here; it must raise
 * {@link ResultsWriter#SCHEMA_VERSION}, the golden files and docs/formats.md together.
 */
class ResultsFormatTest {
    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    static final ModelSpec MODEL =
            new ModelSpec(
                    "e5-small-v2",
                    Path.of("models/e5-small-v2"),
                    Path.of("models/e5-small-v2/model.onnx"),
                    Path.of("models/e5-small-v2/tokenizer.json"),
                    Pooling.MEAN,
                    true,
                    512,
                    "e5",
                    Map.of(),
                    "0123abcd");

    /** Two sentence pairs, on lines 2 and 3 of their file. */
    static final StsDataset PAIRS =
            new StsDataset(
                    "pairs",
                    Path.of("pairs.tsv"),
                    List.of(new StsPair(2, "a", "b", 4.0), new StsPair(3, "c", "d", 1.0)));

    static final InstructionPair E5 =
            new InstructionPair(
                    Template.parse("query: {text}"), Template.parse("passage: {text}"), false);

    /**
     * Compares with a golden file; on a difference the output is left in target/ to diff against.
     */
    private static void assertGolden(String json, String name) throws IOException {
        String expected;
        try (InputStream in =
                ResultsFormatTest.class.getResourceAsStream("/org/taew/core/export/" + name)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!json.equals(expected)) {
            Files.writeString(Path.of("target", name), json, StandardCharsets.UTF_8);
        }
        assertThat(json)
                .as("results.json layout; the output is in target/" + name)
                .isEqualTo(expected);
    }

    private static EmbeddingService.Report report(int texts, int cached) {
        return new EmbeddingService.Report(texts, cached, texts - cached, 0, 40L * texts, 0.5);
    }

    private static Map<MetricId, double[]> ordered(
            MetricId a, double[] va, MetricId b, double[] vb) {
        Map<MetricId, double[]> m = new LinkedHashMap<>();
        m.put(a, va);
        m.put(b, vb);
        return m;
    }

    @Test
    void retrievalResultsKeepTheirLayout() throws Exception {
        MetricId ndcg = MetricId.parse("ndcg_cut.10");
        MetricId rr = MetricId.parse("RR@10");
        List<MetricId> metrics = List.of(ndcg, rr);
        RetrievalDataset ds =
                new RetrievalDataset(
                        "mini",
                        Path.of("datasets/mini"),
                        "test",
                        List.of(
                                new TextItem("q1", "a"),
                                new TextItem("q2", "b"),
                                new TextItem("q3", "c")),
                        List.of(new TextItem("d1", "x"), new TextItem("d2", "y")),
                        new Qrels(
                                Map.of(
                                        "q1", Map.of("d1", 1),
                                        "q2", Map.of("d2", 2),
                                        "q3", Map.of("d1", 0))));
        QueryScores general =
                new QueryScores(
                        List.of("q1", "q2"),
                        ordered(ndcg, new double[] {1.0, 0.5}, rr, new double[] {1.0, 0.5}),
                        List.of(new QueryScores.DroppedQuery("q3", "no document judged relevant")));
        QueryScores taskAware =
                new QueryScores(
                        List.of("q1", "q2"),
                        ordered(ndcg, new double[] {1.0, 1.0}, rr, new double[] {1.0, 1.0}),
                        general.dropped());
        RetrievalEvaluation.Settings settings =
                new RetrievalEvaluation.Settings(
                        metrics, ndcg, 100, false, new ModeComparison.Settings(100, 100, 7, 0.95));
        Map<Mode, RetrievalEvaluation.ModeResult> modes = new EnumMap<>(Mode.class);
        modes.put(
                Mode.GENERAL,
                new RetrievalEvaluation.ModeResult(
                        Mode.GENERAL,
                        InstructionPair.GENERAL,
                        new Run(Map.of()),
                        general,
                        report(3, 0),
                        report(2, 0),
                        0.25));
        modes.put(
                Mode.TASK_AWARE,
                new RetrievalEvaluation.ModeResult(
                        Mode.TASK_AWARE,
                        E5,
                        new Run(Map.of()),
                        taskAware,
                        report(3, 3),
                        report(2, 1),
                        0.25));
        RetrievalEvaluation.Result result =
                new RetrievalEvaluation.Result(
                        ds,
                        "retrieval",
                        settings,
                        modes,
                        ModeComparison.compare(general, taskAware, ndcg, settings.significance()));
        Map<String, List<ScoredDoc>> bm25 = new LinkedHashMap<>();
        bm25.put("q1", List.of(new ScoredDoc("d1", 2.0f), new ScoredDoc("d2", 1.0f)));
        bm25.put("q2", List.of(new ScoredDoc("d1", 1.5f)));
        bm25.put("q3", List.of(new ScoredDoc("d1", 0.5f)));
        LexicalSettings lexical = LexicalSettings.BM25.withHybrid(HybridSettings.DEFAULT);
        result =
                result.withLexical(
                        LexicalArms.evaluate(
                                ds,
                                lexical,
                                new LexicalArms.Bm25Ranking(
                                        new Run(bm25),
                                        lexical.index(),
                                        100,
                                        false,
                                        Path.of("home/bm25/0123456789abcdef"),
                                        null,
                                        true,
                                        0.01),
                                result.denseArms(),
                                settings.measures()));
        String json =
                ResultsWriter.toJson(
                        ResultsWriter.retrieval(
                                new RetrievalReport(
                                        result,
                                        MODEL,
                                        "OnnxRuntime 1.21.1 on CPU",
                                        384,
                                        new TemplateSource(
                                                TemplateSource.Kind.INSTRUCTION_FILE,
                                                "instructions/e5.yaml",
                                                "family \"e5\" declared in the model's taew-model.json"),
                                        "ignore identical ids: no (no query id is a document id)",
                                        List.of()),
                                CREATED));
        assertGolden(json, "results-retrieval.json");
    }

    @Test
    void stsResultsKeepTheirLayout() throws Exception {
        StsDataset ds = PAIRS;
        Map<Mode, StsEvaluation.ModeResult> modes = new LinkedHashMap<>();
        modes.put(
                Mode.GENERAL,
                new StsEvaluation.ModeResult(
                        Mode.GENERAL,
                        InstructionPair.GENERAL,
                        1.0,
                        0.9,
                        new double[] {0.9, 0.2},
                        report(2, 0),
                        report(2, 0)));
        String json =
                ResultsWriter.toJson(
                        ResultsWriter.sts(
                                new StsEvaluation.Result(ds, "similarity", modes),
                                MODEL,
                                "OnnxRuntime 1.21.1 on CPU",
                                384,
                                null,
                                CREATED));
        assertGolden(json, "results-sts.json");
    }
}
