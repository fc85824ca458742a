package org.taew.core.logic.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.taew.core.TestPaths;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.engine.Engines;
import org.taew.core.logic.retrieval.VectorSearch;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.PreparedText;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.Template;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;

class LiveEvaluationTest {
    static final InstructionPair E5 =
            new InstructionPair(
                    Template.parse("query: {text}"), Template.parse("passage: {text}"), false);
    private static final InstructionPair E5_EDITED =
            new InstructionPair(
                    Template.parse("query: find the passage that answers {text}"),
                    Template.parse("passage: {text}"),
                    false);

    static RetrievalDataset helpdesk;
    static Encoder model;
    static CountingEncoder encoder;
    static EmbeddingService service;

    /** Counts the texts that reach the model. */
    static final class CountingEncoder implements Encoder {
        final Encoder inner;
        final List<String> encoded = new ArrayList<>();

        CountingEncoder(Encoder inner) {
            this.inner = inner;
        }

        @Override
        public ModelSpec model() {
            return inner.model();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public List<TokenCount> countTokens(List<String> texts) throws WorkbenchException {
            return inner.countTokens(texts);
        }

        @Override
        public Encoded encode(List<PreparedText> texts, ProgressListener progress)
                throws WorkbenchException {
            for (PreparedText t : texts) {
                encoded.add(t.text());
            }
            return inner.encode(texts, progress);
        }

        @Override
        public void close() {}
    }

    /** Counts searches. */
    static final class CountingSearch implements VectorSearch {
        final VectorSearch inner = Engines.vectorSearch();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Run search(
                List<String> queryIds,
                Embeddings queries,
                List<String> docIds,
                Embeddings docs,
                int depth,
                boolean ignoreIdenticalIds)
                throws WorkbenchException {
            calls.incrementAndGet();
            return inner.search(queryIds, queries, docIds, docs, depth, ignoreIdenticalIds);
        }
    }

    @BeforeAll
    static void open() throws Exception {
        helpdesk = BeirReader.read(TestPaths.workspace().resolve("datasets/helpdesk-mini"), null);
        ModelSpec spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        model = Engines.openEncoder(spec, EncoderOptions.DEFAULT);
        encoder = new CountingEncoder(model);
        service = new EmbeddingService(encoder, null);
    }

    @AfterAll
    static void close() {
        service.close();
        model.close();
    }

    static RetrievalEvaluation.Settings settings(int k) {
        return new RetrievalEvaluation.Settings(
                MetricId.atCutoff(k),
                new MetricId(MetricId.Kind.NDCG_CUT, k),
                100,
                false,
                new ModeComparison.Settings(500, 500, 7, 0.95));
    }

    @Test
    void anEditOfTheQueryTemplateEncodesOnlyTheQueriesAndMatchesAFullEvaluation() throws Exception {
        CountingSearch search = new CountingSearch();
        LiveEvaluation live = new LiveEvaluation(helpdesk, "retrieval", service, search);
        int nq = helpdesk.queries().size();
        int nd = helpdesk.documents().size();

        encoder.encoded.clear();
        live.evaluate(E5, settings(10), ProgressListener.NONE);
        assertThat(encoder.encoded).hasSize(2 * (nq + nd));
        assertThat(search.calls).hasValue(2);

        encoder.encoded.clear();
        LiveEvaluation.Snapshot s = live.evaluate(E5_EDITED, settings(10), ProgressListener.NONE);
        assertThat(encoder.encoded).hasSize(nq);
        assertThat(encoder.encoded).allMatch(t -> t.startsWith("query: find the passage"));
        assertThat(s.textsEncoded()).isEqualTo(nq);
        assertThat(s.documents().get(Mode.TASK_AWARE).reused()).isTrue();
        assertThat(s.queries().get(Mode.GENERAL).reused()).isTrue();
        // general did not change: its ranking is kept, only task-aware is searched again
        assertThat(search.calls).hasValue(3);

        Map<Mode, InstructionPair> modes = new EnumMap<>(Mode.class);
        modes.put(Mode.GENERAL, InstructionPair.GENERAL);
        modes.put(Mode.TASK_AWARE, E5_EDITED);
        RetrievalEvaluation.Result full =
                RetrievalEvaluation.run(
                        helpdesk,
                        "retrieval",
                        modes,
                        service,
                        Engines.vectorSearch(),
                        settings(10),
                        ProgressListener.NONE);
        for (Mode m : Mode.values()) {
            for (MetricId id : settings(10).metrics()) {
                assertThat(s.result().modes().get(m).scores().of(id))
                        .containsExactly(full.modes().get(m).scores().of(id));
            }
        }
        assertThat(s.result().comparison().wins()).isEqualTo(full.comparison().wins());
    }

    @Test
    void anInterruptedThreadCancelsTheEvaluation() {
        LiveEvaluation live =
                new LiveEvaluation(helpdesk, "retrieval", service, Engines.vectorSearch());
        InstructionPair unseen =
                new InstructionPair(
                        Template.parse("query: never encoded before {text}"),
                        Template.parse("passage: {text}"),
                        false);
        Thread.currentThread().interrupt();
        try {
            Assertions.assertThatThrownBy(
                            () -> live.evaluate(unseen, settings(10), ProgressListener.NONE))
                    .isInstanceOf(WorkbenchException.class)
                    .extracting(e -> ((WorkbenchException) e).kind())
                    .isEqualTo(WorkbenchException.Kind.CANCELLED);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aNewCutOffMeasuresAgainWithoutEncodingOrSearching() throws Exception {
        CountingSearch search = new CountingSearch();
        LiveEvaluation live = new LiveEvaluation(helpdesk, "retrieval", service, search);
        live.evaluate(E5, settings(10), ProgressListener.NONE);
        encoder.encoded.clear();
        LiveEvaluation.Snapshot at5 = live.evaluate(E5, settings(5), ProgressListener.NONE);
        assertThat(encoder.encoded).isEmpty();
        assertThat(search.calls).hasValue(2);
        MetricId ndcg5 = MetricId.parse("ndcg_cut.5");
        assertThat(at5.result().comparison().mainMetric()).isEqualTo(ndcg5);
        assertThat(at5.result().modes().get(Mode.TASK_AWARE).scores().mean(ndcg5))
                .isBetween(0.0, 1.0);
    }

    @Test
    void theSimilarityMapPutsJudgedPairsFirstAndAgreesWithTheVectors() throws Exception {
        LiveEvaluation live =
                new LiveEvaluation(helpdesk, "retrieval", service, Engines.vectorSearch());
        LiveEvaluation.Snapshot s = live.evaluate(E5, settings(10), ProgressListener.NONE);
        SimilarityMap m = SimilarityMap.sample(s, 50, 2);
        assertThat(m.rows()).isEqualTo(helpdesk.queries().size());
        // every judged pair is in the judged block; hard negatives are unjudged for their query
        for (int r = 0; r < m.rows(); r++) {
            var judged = helpdesk.qrels().of(m.queries().get(r).id());
            for (int c = 0; c < m.columns(); c++) {
                int g = judged.getOrDefault(m.documents().get(c).id(), 0);
                assertThat(m.grades()[r][c]).isEqualTo(g);
                if (g > 0) {
                    assertThat(c).isLessThan(m.judgedColumns());
                }
            }
        }
        // the first query's judged documents open the columns: the diagonal starts top left
        assertThat(m.grades()[0][0]).isPositive();
        int qi = 3;
        int di = m.columns() - 1;
        String qid = m.queries().get(qi).id();
        String did = m.documents().get(di).id();
        int qRow = indexOf(helpdesk.queries(), qid);
        int dRow = indexOf(helpdesk.documents(), did);
        double cos =
                s.queries()
                        .get(Mode.TASK_AWARE)
                        .vectors()
                        .dot(qRow, s.documents().get(Mode.TASK_AWARE).vectors(), dRow);
        assertThat((double) m.taskAware()[qi][di]).isCloseTo(cos, Offset.offset(1e-5));

        SimilarityMap small = SimilarityMap.sample(s, 10, 1);
        assertThat(small.rows()).isEqualTo(10);
        assertThat(small.sampling()).contains("10 of 40 queries");
        assertThat(small.queries().get(1).id()).isEqualTo(helpdesk.queries().get(4).id());
    }

    private static int indexOf(List<TextItem> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError(id);
    }
}
