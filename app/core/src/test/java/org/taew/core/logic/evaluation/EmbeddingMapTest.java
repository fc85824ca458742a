package org.taew.core.logic.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.taew.core.TestPaths;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Mode;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

class EmbeddingMapTest {
    private static RetrievalDataset helpdesk;
    private static Encoder model;
    private static EmbeddingService service;

    @BeforeAll
    static void open() throws Exception {
        helpdesk = BeirReader.read(TestPaths.workspace().resolve("datasets/helpdesk-mini"), null);
        model =
                Engines.openEncoder(
                        new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2"),
                        EncoderOptions.DEFAULT);
        service = new EmbeddingService(model, null);
    }

    @AfterAll
    static void close() {
        service.close();
        model.close();
    }

    @Test
    void theProjectionFindsTheDirectionsOfLargestVarianceAndSaysHowMuchTheyKeep() {
        // points spread along (1, 1, 0, 0), less along (0, 0, 1, 0), a little noise elsewhere
        SplittableRandom r = new SplittableRandom(3);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double a = 3 * r.nextGaussian();
            double b = r.nextGaussian();
            rows.add(
                    new float[] {
                        (float) (a + 0.05 * r.nextGaussian() + 7),
                        (float) (a + 0.05 * r.nextGaussian()),
                        (float) b,
                        (float) (0.05 * r.nextGaussian())
                    });
        }
        Projection p = Projection.fit(rows);
        double h = Math.sqrt(0.5);
        assertThat(p.axes()[0][0]).isCloseTo(h, within(0.01));
        assertThat(p.axes()[0][1]).isCloseTo(h, within(0.01));
        assertThat(Math.abs(p.axes()[1][2])).isCloseTo(1, within(0.01));
        assertThat(p.axes()[1][2]).as("signed by its largest loading").isPositive();
        double dot = 0;
        for (int j = 0; j < 4; j++) {
            dot += p.axes()[0][j] * p.axes()[1][j];
        }
        assertThat(dot).isCloseTo(0, within(1e-9));
        // variances 18 and 1 of about 19: the shares say so
        assertThat(p.share()[0]).isCloseTo(18.0 / 19.0, within(0.02));
        assertThat(p.share()[0] + p.share()[1]).isBetween(0.98, 1.0);
        float[] atMean = new float[4];
        for (int j = 0; j < 4; j++) {
            atMean[j] = (float) p.mean()[j];
        }
        assertThat(p.apply(atMean)[0]).isCloseTo(0f, within(1e-4f));
        assertThat(Projection.fit(rows).axes()[0]).as("deterministic").isEqualTo(p.axes()[0]);
    }

    @Test
    void
            theDefaultEndsAreGeneralAndTaskAwareSharingOneProjectionAndEachQueryKnowsItsRelevantDocumentsAndTop10()
                    throws Exception {
        LiveEvaluation live =
                new LiveEvaluation(helpdesk, "retrieval", service, Engines.vectorSearch());
        LiveEvaluation.Snapshot s =
                live.evaluate(
                        LiveEvaluationTest.E5,
                        LiveEvaluationTest.settings(10),
                        ProgressListener.NONE);
        EmbeddingMap m = EmbeddingMap.of(s, 100, 1000);
        assertThat(m.queries()).hasSize(40);
        assertThat(m.documents()).hasSize(helpdesk.documents().size());
        assertThat(m.sampling()).isEqualTo("all 40 queries; all 64 documents");
        assertThat(m.axes())
                .startsWith(
                        "PCA fitted once on the vectors of general and task-aware together: axis"
                                + " 1 keeps");
        assertThat(m.projection().share()[0]).isBetween(0.0, 1.0);
        assertThat(m.projection().share()[0]).isGreaterThanOrEqualTo(m.projection().share()[1]);

        int q = 5;
        String qid = m.queries().get(q).id();
        int row = helpdesk.queries().indexOf(m.queries().get(q));
        float[] general = m.projection().apply(s.queries().get(Mode.GENERAL).vectors().row(row));
        float[] aware = m.projection().apply(s.queries().get(Mode.TASK_AWARE).vectors().row(row));
        assertThat(m.queryFrom(q)).containsExactly(general);
        assertThat(m.queryTo(q)).containsExactly(aware);
        assertThat(Arrays.equals(m.queryFrom(q), m.queryTo(q)))
                .as("e5's query: prefix moves the query")
                .isFalse();
        for (int d : m.relevant()[q]) {
            assertThat(helpdesk.qrels().of(qid)).containsKey(m.documents().get(d).id());
        }
        assertThat(m.relevant()[q]).isNotEmpty();
        List<ScoredDoc> run = s.result().modes().get(Mode.TASK_AWARE).run().of(qid);
        assertThat(Arrays.stream(m.top10()[q]).mapToObj(d -> m.documents().get(d).id()).toList())
                .containsExactlyElementsOf(
                        run.subList(0, 10).stream().map(ScoredDoc::docId).toList());

        EmbeddingMap small = EmbeddingMap.of(s, 10, 20);
        assertThat(small.queries()).hasSize(10);
        assertThat(small.sampling()).startsWith("10 of 40 queries (evenly spaced");
        assertThat(small.documents().size()).isBetween(20, 64);
        assertThat(small.documents().stream().distinct()).hasSize(small.documents().size());
    }

    @Test
    void anyTwoEndsShareOneProjectionOfBothEndsVectors() {
        // three queries, four documents, 3-d vectors: end a, and end b moved along the third axis
        List<TextItem> queries =
                List.of(
                        new TextItem("q1", "one"),
                        new TextItem("q2", "two"),
                        new TextItem("q3", "x"));
        List<TextItem> docs =
                List.of(
                        new TextItem("d1", "a"),
                        new TextItem("d2", "b"),
                        new TextItem("d3", "c"),
                        new TextItem("d4", "d"));
        Qrels qrels =
                new Qrels(
                        Map.of(
                                "q1",
                                Map.of("d1", 1),
                                "q2",
                                Map.of("d2", 1, "d3", 0),
                                "q3",
                                Map.of("d4", 2)));
        RetrievalDataset ds = new RetrievalDataset("tiny", null, "test", queries, docs, qrels);
        float[] aq = {1, 0, 0, 0, 1, 0, 0.6f, 0.8f, 0};
        float[] ad = {0.8f, 0.6f, 0, 0, 0, 1, 0.6f, 0, 0.8f, 0, 0.6f, 0.8f};
        float[] bq = {0, 0, 1, 0.6f, 0, 0.8f, 0, 0.6f, 0.8f};
        float[] bd = {0, 0.8f, 0.6f, 1, 0, 0, 0, 1, 0, 0.8f, 0.6f, 0};
        Run runA = run(Map.of("q1", List.of("d1", "d3"), "q2", List.of("d2"), "q3", List.of()));
        Run runB =
                run(Map.of("q1", List.of("d4", "d2", "d1"), "q2", List.of("d3"), "q3", List.of()));
        EmbeddingMap.End a =
                new EmbeddingMap.End("a", new Embeddings(aq, 3, 3), new Embeddings(ad, 4, 3), runA);
        EmbeddingMap.End b =
                new EmbeddingMap.End("b", new Embeddings(bq, 3, 3), new Embeddings(bd, 4, 3), runB);

        EmbeddingMap m = EmbeddingMap.of(ds, a, b, 100, 1000);
        assertThat(m.fromName()).isEqualTo("a");
        assertThat(m.toName()).isEqualTo("b");
        assertThat(m.axes()).startsWith("PCA fitted once on the vectors of a and b together: ");
        assertThat(m.sampling()).isEqualTo("all 3 queries; all 4 documents");
        // the projection a test fits on both ends' rows: queries, then documents, of a then of b
        List<float[]> rows = new ArrayList<>();
        for (EmbeddingMap.End e : List.of(a, b)) {
            for (TextItem q : m.queries()) {
                rows.add(e.queries().row(queries.indexOf(q)));
            }
            for (TextItem d : m.documents()) {
                rows.add(e.documents().row(docs.indexOf(d)));
            }
        }
        Projection p = Projection.fit(rows);
        for (int q = 0; q < 3; q++) {
            int row = queries.indexOf(m.queries().get(q));
            assertThat(m.queryFrom(q))
                    .containsExactly(p.apply(a.queries().row(row)), within(1e-5f));
            assertThat(m.queryTo(q)).containsExactly(p.apply(b.queries().row(row)), within(1e-5f));
        }
        for (int d = 0; d < 4; d++) {
            int row = docs.indexOf(m.documents().get(d));
            assertThat(m.documentTo(d))
                    .containsExactly(p.apply(b.documents().row(row)), within(1e-5f));
        }
        // the top 10 is the to end's ranking; judged 0 is not relevant
        int q1 = m.queries().indexOf(queries.get(0));
        assertThat(Arrays.stream(m.top10()[q1]).mapToObj(d -> m.documents().get(d).id()))
                .containsExactly("d4", "d2", "d1");
        int q2 = m.queries().indexOf(queries.get(1));
        assertThat(Arrays.stream(m.relevant()[q2]).mapToObj(d -> m.documents().get(d).id()))
                .containsExactly("d2");

        // swapped: the arrows run the other way in the same picture
        EmbeddingMap back = EmbeddingMap.of(ds, b, a, 100, 1000);
        assertThat(back.queryFrom(q1)[0]).isCloseTo(m.queryTo(q1)[0], within(1e-5f));

        EmbeddingMap.End cut =
                new EmbeddingMap.End(
                        "b@2",
                        new Embeddings(new float[6], 3, 2),
                        new Embeddings(new float[8], 4, 2),
                        runB);
        assertThatThrownBy(() -> EmbeddingMap.of(ds, a, cut, 100, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("one projection needs vectors of one dimension: a has 3, b@2 2");
    }

    private static Run run(Map<String, List<String>> ids) {
        Map<String, List<ScoredDoc>> out = new LinkedHashMap<>();
        ids.forEach(
                (q, docs) -> {
                    List<ScoredDoc> ranked = new ArrayList<>();
                    for (int i = 0; i < docs.size(); i++) {
                        ranked.add(new ScoredDoc(docs.get(i), 1f - 0.1f * i));
                    }
                    out.put(q, ranked);
                });
        return new Run(out);
    }
}
