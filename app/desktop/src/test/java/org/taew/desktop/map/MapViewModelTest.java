package org.taew.desktop.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.evaluation.EmbeddingMap;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.Projection;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.retrieval.Vectors;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.model.Embeddings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.Side;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.desktop.DesktopViewModels;
import org.taew.desktop.DirectTaskRunner;
import org.taew.desktop.RecordingDialogs;
import org.taew.desktop.TestWorkspace;
import org.taew.desktop.util.Debouncer;

/** The map on the real e5-small-v2 and helpdesk-mini, without the FX toolkit. */
class MapViewModelTest {
    @TempDir Path dir;
    DesktopViewModels vms;

    @AfterEach
    void close() {
        vms.session().close();
    }

    @Test
    void theMapIsComputedWhileShownAndAClickedQueryOpensInPerQuery() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        AtomicLong clock = new AtomicLong(1);
        vms =
                DesktopViewModels.create(
                        TestWorkspace.create(dir),
                        new DirectTaskRunner(),
                        dialogs,
                        Debouncer.IMMEDIATE,
                        clock::get);
        vms.session().start("helpdesk-mini", "e5-small-v2");
        assertThat(dialogs.errors).isEmpty();
        MapViewModel map = vms.map();
        assertThat(map.mapProperty().get()).as("not computed while hidden").isNull();

        map.activeProperty().set(true);
        EmbeddingMap m = map.mapProperty().get();
        assertThat(m).isNotNull();
        assertThat(m.queries()).hasSize(40);
        assertThat(map.fromProperty().get()).isEqualTo(MapEnd.GENERAL);
        assertThat(map.toProperty().get()).isEqualTo(MapEnd.TASK_AWARE);
        assertThat(map.ends())
                .as("no experiment yet")
                .containsExactly(MapEnd.GENERAL, MapEnd.TASK_AWARE);
        assertThat(map.descriptionProperty().get())
                .startsWith(
                        "PCA fitted once on the vectors of general and task-aware together: axis 1"
                                + " keeps ")
                .endsWith("all 40 queries; all 64 documents");

        map.hoverQuery(2);
        assertThat(map.hoverProperty().get()).startsWith("Query " + m.queries().get(2).id() + ": ");
        map.hoverDocument(0);
        assertThat(map.hoverProperty().get()).startsWith("Document ");

        map.select(3);
        assertThat(map.selectedProperty().get()).isEqualTo(3);
        assertThat(vms.perQuery().selectedProperty().get().id()).isEqualTo(m.queries().get(3).id());

        // an edit re-evaluates: the map follows while shown and keeps the selected query
        vms.session().editor().form().queryTemplateProperty().set("query: {text} ");
        assertThat(map.mapProperty().get()).isNotSameAs(m);
        assertThat(map.selectedProperty().get()).isEqualTo(3);
        map.select(99);
        assertThat(map.selectedProperty().get()).as("no such query: unchanged").isEqualTo(3);
    }

    @Test
    void anExperimentsVariantIsAnEndOfTheArrowsEncodedInTheBackground() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        DirectTaskRunner runner = new DirectTaskRunner();
        MapViewModel map = shownAfterAnExperiment(runner, dialogs);
        EmbeddingMap byDefault = map.mapProperty().get();
        map.select(3);
        ExperimentResult r = vms.experiments().resultProperty().get();
        // leaderboard names; not general (General is it), not the bm25 reference row
        assertThat(map.ends())
                .startsWith(MapEnd.GENERAL, MapEnd.TASK_AWARE)
                .contains(MapEnd.variant("card"), MapEnd.variant("e5-q2-d3"))
                .doesNotContain(MapEnd.variant("general"), MapEnd.variant("bm25"))
                .hasSize(2 + 13);

        int submitted = runner.submitted;
        MapEnd variant = MapEnd.variant("e5-q2-d3");
        map.toProperty().set(variant);
        assertThat(runner.submitted).as("encoded as background work").isEqualTo(submitted + 1);
        EmbeddingMap m = map.mapProperty().get();
        assertThat(m.fromName()).isEqualTo("general");
        assertThat(m.toName()).isEqualTo("e5-q2-d3");
        assertThat(map.descriptionProperty().get())
                .startsWith("PCA fitted once on the vectors of general and e5-q2-d3 together");
        assertThat(map.selectedProperty().get()).as("the selected query stays").isEqualTo(3);

        // the positions are the projection of general's and the variant's vectors, fitted on both
        EvaluationSession session = vms.session().openProperty().get().session();
        LiveEvaluation.Snapshot s = vms.session().snapshotProperty().get();
        RetrievalDataset ds = s.result().dataset();
        InstructionPair pair = r.results().get(0).variant("e5-q2-d3").instructions();
        assertThat(pair.query().standalone()).isEqualTo("passage: {text}");
        Embeddings vq = unit(session, ds.queries(), pair, Side.QUERY);
        Embeddings vd = unit(session, ds.documents(), pair, Side.DOCUMENT);
        Embeddings gq = s.queries().get(Mode.GENERAL).vectors();
        Embeddings gd = s.documents().get(Mode.GENERAL).vectors();
        List<float[]> rows = new ArrayList<>();
        for (Embeddings[] end : new Embeddings[][] {{gq, gd}, {vq, vd}}) {
            m.queries().forEach(q -> rows.add(end[0].row(ds.queries().indexOf(q))));
            m.documents().forEach(d -> rows.add(end[1].row(ds.documents().indexOf(d))));
        }
        Projection p = Projection.fit(rows);
        for (int q = 0; q < m.queries().size(); q += 7) {
            int row = ds.queries().indexOf(m.queries().get(q));
            assertThat(m.queryTo(q)).containsExactly(p.apply(vq.row(row)), within(1e-4f));
            assertThat(m.queryFrom(q)).containsExactly(p.apply(gq.row(row)), within(1e-4f));
        }
        int d = 5;
        assertThat(m.documentTo(d))
                .containsExactly(
                        p.apply(vd.row(ds.documents().indexOf(m.documents().get(d)))),
                        within(1e-4f));
        // its top 10 is the variant's ranking by the session's search
        Run ranked =
                RetrievalEvaluation.rank(ds, vq, vd, session.search(), s.result().settings()).run();
        String qid = m.queries().get(3).id();
        assertThat(Arrays.stream(m.top10()[3]).mapToObj(i -> m.documents().get(i).id()).toList())
                .containsExactlyElementsOf(
                        ranked.of(qid).subList(0, 10).stream().map(ScoredDoc::docId).toList());
        assertThat(m.queryTo(3)).isNotEqualTo(byDefault.queryTo(3));

        // the same end on both sides is refused, in the description line
        map.fromProperty().set(variant);
        assertThat(map.mapProperty().get()).isNull();
        assertThat(map.descriptionProperty().get())
                .isEqualTo(
                        "From and to are both e5-q2-d3: choose two different ends to see how the"
                                + " texts move");
        // between two arms, the variant's vectors kept: nothing encoded again
        map.toProperty().set(MapEnd.TASK_AWARE);
        assertThat(runner.submitted).isEqualTo(submitted + 1);
        EmbeddingMap back = map.mapProperty().get();
        assertThat(back.fromName()).isEqualTo("e5-q2-d3");
        assertThat(back.toName()).isEqualTo("task-aware");
        assertThat(map.selectedProperty().get()).isEqualTo(3);

        // an edit redraws with the kept variant; clicks still open Per query
        vms.session().editor().form().queryTemplateProperty().set("query: {text} ");
        assertThat(map.mapProperty().get()).isNotSameAs(back);
        assertThat(map.mapProperty().get().fromName()).isEqualTo("e5-q2-d3");
        map.select(6);
        assertThat(vms.perQuery().selectedProperty().get().id())
                .isEqualTo(map.mapProperty().get().queries().get(6).id());

        // the experiment run again: the chosen variant stays, drawn from its new result
        vms.experiments().run();
        assertThat(map.fromProperty().get()).isEqualTo(variant);
        assertThat(map.mapProperty().get().fromName()).isEqualTo("e5-q2-d3");
    }

    @Test
    void aCancelledVariantGivesWayToTheDefaultEnds() throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        DirectTaskRunner runner = new DirectTaskRunner();
        MapViewModel map = shownAfterAnExperiment(runner, dialogs);

        runner.cancelNext = true;
        map.toProperty().set(MapEnd.variant("e5-q3-d1"));
        assertThat(map.toProperty().get()).isEqualTo(MapEnd.TASK_AWARE);
        assertThat(map.mapProperty().get().toName()).isEqualTo("task-aware");
        assertThat(map.descriptionProperty().get())
                .isEqualTo("Cancelled: e5-q3-d1 not drawn; the map shows general → task-aware");
        assertThat(vms.work().statusProperty().get()).isEqualTo("Cancelled");
        assertThat(dialogs.errors).as("a cancellation is no error").isEmpty();

        // chosen again, it is encoded
        map.toProperty().set(MapEnd.variant("e5-q3-d1"));
        assertThat(map.mapProperty().get().toName()).isEqualTo("e5-q3-d1");
        assertThat(vms.work().statusProperty().get()).isEqualTo("Ready");
    }

    /** helpdesk-mini with e5-small-v2, the map shown, the dataset's experiment run. */
    private MapViewModel shownAfterAnExperiment(DirectTaskRunner runner, RecordingDialogs dialogs)
            throws Exception {
        vms =
                DesktopViewModels.create(
                        TestWorkspace.create(dir), runner, dialogs, Debouncer.IMMEDIATE, () -> 1);
        vms.session().start("helpdesk-mini", "e5-small-v2");
        MapViewModel map = vms.map();
        map.activeProperty().set(true);
        EmbeddingMap before = map.mapProperty().get();
        vms.experiments().run();
        assertThat(dialogs.errors).isEmpty();
        assertThat(map.mapProperty().get()).as("the default is still drawn").isSameAs(before);
        return map;
    }

    private static Embeddings unit(
            EvaluationSession session, List<TextItem> items, InstructionPair pair, Side side)
            throws Exception {
        return Vectors.unit(
                session.embedder().model(),
                session.embedder()
                        .encode(
                                RetrievalEvaluation.prepare(items, pair, side),
                                "test",
                                ProgressListener.NONE)
                        .vectors());
    }
}
