package org.taew.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.export.RetrievalReport;
import org.taew.core.logic.export.StsReport;
import org.taew.core.logic.metrics.QueryScores;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.LengthLimit;
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
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;

class ReportPagesTest {
    @TempDir Path tmp;

    private static final MetricId NDCG = MetricId.parse("ndcg_cut.10");
    private static final InstructionPair E5 =
            new InstructionPair(
                    Template.parse("query: {text}"), Template.parse("passage: {text}"), false);

    private static ModelSpec model(String weights) {
        Path dir = Path.of("models/e5-small-v2");
        return new ModelSpec(
                "e5-small-v2",
                dir,
                dir.resolve(weights),
                dir.resolve("tokenizer.json"),
                Pooling.MEAN,
                true,
                LengthLimit.of(512),
                "e5",
                false,
                Map.of(),
                "0123abcd",
                List.of(),
                true,
                0);
    }

    private static EmbeddingService.Report encoded(int n) {
        return new EmbeddingService.Report(n, 0, n, 0, 10L * n, 0.1);
    }

    /** Three queries; the second's text would be markup if it were not escaped. */
    private static RetrievalReport retrieval(ModelSpec model, List<String> warnings) {
        RetrievalDataset ds =
                new RetrievalDataset(
                        "mini",
                        Path.of("datasets/mini"),
                        "test",
                        List.of(
                                new TextItem("q1", "reset a password"),
                                new TextItem("q2", "<script>alert(1)</script> & refunds"),
                                new TextItem("q3", "vpn")),
                        List.of(new TextItem("d1", "x"), new TextItem("d2", "y")),
                        new Qrels(
                                Map.of(
                                        "q1", Map.of("d1", 1),
                                        "q2", Map.of("d2", 1),
                                        "q3", Map.of("d1", 1))));
        QueryScores general =
                new QueryScores(
                        List.of("q1", "q2", "q3"),
                        Map.of(NDCG, new double[] {1.0, 0.6309, 1.0}),
                        List.of());
        QueryScores taskAware =
                new QueryScores(
                        List.of("q1", "q2", "q3"),
                        Map.of(NDCG, new double[] {1.0, 1.0, 0.5}),
                        List.of());
        Map<String, List<ScoredDoc>> before = new LinkedHashMap<>();
        before.put("q2", List.of(new ScoredDoc("d1", 0.9f), new ScoredDoc("d2", 0.8f)));
        Map<String, List<ScoredDoc>> after = new LinkedHashMap<>();
        after.put("q2", List.of(new ScoredDoc("d2", 0.9f), new ScoredDoc("d1", 0.8f)));
        RetrievalEvaluation.Settings settings =
                new RetrievalEvaluation.Settings(
                        List.of(NDCG),
                        NDCG,
                        100,
                        false,
                        new ModeComparison.Settings(200, 200, 7, 0.95));
        Map<Mode, RetrievalEvaluation.ModeResult> modes = new EnumMap<>(Mode.class);
        modes.put(
                Mode.GENERAL,
                new RetrievalEvaluation.ModeResult(
                        Mode.GENERAL,
                        InstructionPair.GENERAL,
                        new Run(before),
                        general,
                        encoded(3),
                        encoded(2),
                        0.1));
        modes.put(
                Mode.TASK_AWARE,
                new RetrievalEvaluation.ModeResult(
                        Mode.TASK_AWARE,
                        E5,
                        new Run(after),
                        taskAware,
                        encoded(3),
                        encoded(2),
                        0.1));
        ModeComparison c =
                ModeComparison.compare(general, taskAware, NDCG, settings.significance());
        return new RetrievalReport(
                new RetrievalEvaluation.Result(ds, "retrieval", settings, modes, c),
                model,
                "OnnxRuntime 1.21.1 on CPU",
                384,
                null,
                "ignore identical ids: no",
                warnings);
    }

    /** Nothing on the page loads from elsewhere: no script, stylesheet link, image or URL. */
    private static void assertSelfContained(String html) {
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("<img")
                .doesNotContain("src=")
                .doesNotContain("@import")
                .doesNotContainPattern("href=\"(?!#)")
                .doesNotContainPattern("url\\((?!#)");
    }

    @Test
    void anEvaluationPageHoldsTheComparisonsNumbersEscapedTextAndInlineCharts() {
        RetrievalReport r = retrieval(model("model.onnx"), List.of());
        String html = EvaluationHtml.of(r);
        assertSelfContained(html);
        ModeComparison.MetricDelta d = r.result().comparison().of(NDCG);
        // the numbers of the comparison results.json is written from, as the console formats them
        assertThat(html)
                .contains("<title>e5-small-v2 on mini</title>")
                .contains(d.deltaText())
                .contains(d.ciText())
                .contains(">" + d.pText() + "<")
                .contains("Per query on nDCG@10: 1 better with task-aware, 1 worse, 1 tied");
        // the query that changed most, its text escaped, and how its first relevant document moved
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; refunds")
                .contains("first relevant at 2 → 1")
                .doesNotContain("<script>alert");
        assertThat(html)
                .containsPattern("(?s)<figure class=\"chart\"[^>]*><svg .*?</svg></figure>");
        assertThat(html.split("<svg ", -1)).hasSize(3); // the means and the per-query chart
        assertThat(html).contains("<code>query: {text}</code>").doesNotContain("DRAFT");
    }

    @Test
    void warningsAndDraftsAreMarkedAsEveryOtherOutputMarksThem() {
        ModelSpec int8 = model("onnx/model_quantized.onnx");
        String draft = EvaluationSession.draftNote(int8);
        String html =
                EvaluationHtml.of(
                        retrieval(int8, List.of("the corpus holds only judged documents", draft)));
        assertThat(html)
                .contains(
                        "<p class=\"warning\">Warning: the corpus holds only judged documents.</p>")
                .contains("<p class=\"draft\">" + Html.escape(draft) + ".</p>")
                .contains("e5-small-v2 (int8 draft)");
    }

    @Test
    void anStsPageHoldsEachModesCorrelationsAndThePairsThatMovedMost() {
        StsDataset pairs =
                new StsDataset(
                        "pairs",
                        Path.of("pairs.tsv"),
                        List.of(
                                new StsPair(2, "a cat sits", "a cat is sitting", 5.0),
                                new StsPair(3, "a man runs", "the stock fell", 0.0),
                                new StsPair(4, "a dog barks", "a dog is loud", 3.5),
                                new StsPair(5, "it rains", "the sun shines", 1.0)));
        Map<Mode, StsEvaluation.ModeResult> modes = new EnumMap<>(Mode.class);
        modes.put(
                Mode.GENERAL,
                new StsEvaluation.ModeResult(
                        Mode.GENERAL,
                        InstructionPair.GENERAL,
                        0.8,
                        0.7,
                        new double[] {0.9, 0.5, 0.6, 0.55},
                        encoded(4),
                        encoded(4)));
        modes.put(
                Mode.TASK_AWARE,
                new StsEvaluation.ModeResult(
                        Mode.TASK_AWARE,
                        E5,
                        1.0,
                        0.9,
                        new double[] {0.95, 0.2, 0.7, 0.4},
                        encoded(4),
                        encoded(4)));
        StsEvaluation.Result result = new StsEvaluation.Result(pairs, "sts", modes);
        String html =
                EvaluationHtml.of(
                        new StsReport(result, model("model.onnx"), "OnnxRuntime", 384, null));
        assertSelfContained(html);
        var c = StsEvaluation.compare(result);
        assertThat(html)
                .contains("Semantic textual similarity: 4 sentence pairs")
                .contains(Html.fixed(c.modes().get(Mode.TASK_AWARE).spearman(), 4))
                .contains(String.format(Locale.ROOT, "Spearman %+.4f", c.spearman().delta()))
                .contains("pairs whose rank moved most")
                .contains("a man runs");
    }

    @Test
    void aReportIsOneHtmlFileWrittenWhole() throws Exception {
        Path file = tmp.resolve("out/report.html");
        assertThat(HtmlReports.write(file, "<!DOCTYPE html>")).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo("<!DOCTYPE html>");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file); // no temporary file beside it
        }
        assertThatThrownBy(() -> HtmlReports.write(tmp, "x"))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage(
                        tmp
                                + " is a folder: give the report a file name, e.g. "
                                + tmp.resolve("report.html"));
        assertThatThrownBy(() -> HtmlReports.write(tmp.resolve("report.txt"), "x"))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("give a file name ending in .html");
        assertThat(tmp.resolve("report.txt")).doesNotExist();
    }
}
