package org.taew.core.logic.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.ScoredDoc;
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
    void bothModesShareOneProjectionAndEachQueryKnowsItsRelevantDocumentsAndTop10()
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
        assertThat(m.axes()).startsWith("PCA fitted once on both modes' vectors: axis 1 keeps");
        assertThat(m.projection().share()[0]).isBetween(0.0, 1.0);
        assertThat(m.projection().share()[0]).isGreaterThanOrEqualTo(m.projection().share()[1]);

        int q = 5;
        String qid = m.queries().get(q).id();
        int row = helpdesk.queries().indexOf(m.queries().get(q));
        for (Mode mode : Mode.values()) {
            float[] expected = m.projection().apply(s.queries().get(mode).vectors().row(row));
            assertThat(m.query(q, mode)).containsExactly(expected);
        }
        assertThat(Arrays.equals(m.query(q, Mode.GENERAL), m.query(q, Mode.TASK_AWARE)))
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
}
