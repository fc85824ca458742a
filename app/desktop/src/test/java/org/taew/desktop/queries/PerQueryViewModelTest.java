package org.taew.desktop.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.TextItem;

class PerQueryViewModelTest {
    @Test
    void hitsCarryJudgmentsAndHowFarEachDocumentMovedBetweenTheModes() {
        RetrievalDataset ds =
                new RetrievalDataset(
                        "tiny",
                        Path.of("."),
                        "test",
                        List.of(new TextItem("q", "question")),
                        List.of(
                                new TextItem("a", "alpha"),
                                new TextItem("b", "beta"),
                                new TextItem("c", "gamma"),
                                new TextItem("d", "delta")),
                        new Qrels(Map.of("q", Map.of("b", 2, "d", 1))));
        List<ScoredDoc> general =
                List.of(
                        new ScoredDoc("a", 0.9f),
                        new ScoredDoc("b", 0.8f),
                        new ScoredDoc("c", 0.7f));
        List<ScoredDoc> aware =
                List.of(
                        new ScoredDoc("b", 0.95f),
                        new ScoredDoc("d", 0.9f),
                        new ScoredDoc("a", 0.5f));
        List<PerQueryViewModel.Hit> hits =
                PerQueryViewModel.hits(
                        aware, general, ds.qrels().of("q"), 3, PerQueryViewModel.documentTexts(ds));
        assertThat(hits).extracting(PerQueryViewModel.Hit::docId).containsExactly("b", "d", "a");
        assertThat(hits).extracting(PerQueryViewModel.Hit::grade).containsExactly(2, 1, 0);
        // b was 2nd in general and is 1st here: one place up; d was not retrieved by general
        assertThat(hits)
                .extracting(PerQueryViewModel.Hit::movementText)
                .containsExactly("▲1", "new", "▼2");
        assertThat(hits.get(0).text()).isEqualTo("beta");
        assertThat(
                        PerQueryViewModel.hits(
                                aware,
                                general,
                                ds.qrels().of("q"),
                                2,
                                PerQueryViewModel.documentTexts(ds)))
                .hasSize(2);
    }

    @Test
    void outcomesFollowTheSignOfTheDelta() {
        assertThat(new PerQueryViewModel.QueryRow("q", "t", 0.5, 0.7).outcome()).isEqualTo("win");
        assertThat(new PerQueryViewModel.QueryRow("q", "t", 0.7, 0.5).outcome()).isEqualTo("loss");
        assertThat(new PerQueryViewModel.QueryRow("q", "t", 0.5, 0.5).outcome()).isEqualTo("tie");
    }
}
