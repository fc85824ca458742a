package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.model.Qrels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;

class IdenticalIdsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    How do I reset my VPN password? | how do i reset my vpn password            | true
                    VPN password reset              | VPN password reset Open the portal first. | true
                    How do I reset my VPN password? | how do I reset my VPN password quickly    | true
                    How do I reset my VPN password? | How can I change my VPN password?         | false
                    what is the effect of X on Y    | Experimental results on boundary layers.  | false
                    leave days                      | How many leave days do new staff get?     | false
                    """)
    void sameOrNearlyTheSameText(String query, String document, boolean same) {
        assertThat(IdenticalIds.sameText(query, document)).isEqualTo(same);
    }

    /** Queries and documents numbered from 1, as classic collections do: the ids coincide. */
    private static RetrievalDataset numberedFromOne() {
        List<TextItem> docs = new ArrayList<>();
        List<TextItem> queries = new ArrayList<>();
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            docs.add(new TextItem("" + i, "Document " + i + " on wing flutter at speed " + i));
        }
        for (int i = 1; i <= 3; i++) {
            queries.add(new TextItem("" + i, "which papers measure flutter number " + (10 * i)));
            // query 2 happens to find document 2 relevant
            qrels.put("" + i, Map.of("" + (i == 2 ? 2 : i + 3), 1));
        }
        return new RetrievalDataset("cran", null, "test", queries, docs, new Qrels(qrels));
    }

    @Test
    void idsThatMerelyCoincideAreNotIgnored() {
        IdenticalIds.Decision d =
                IdenticalIds.decide(null, DatasetSettings.NONE, numberedFromOne());
        assertThat(d.ignore()).isFalse();
        assertThat(d.basis()).isEqualTo(IdenticalIds.Basis.EVIDENCE);
        assertThat(d.evidence()).isEqualTo(new IdenticalIds.Evidence(3, 3, 0));
        assertThat(d.describe())
                .isEqualTo(
                        "ignore identical ids: no (3 of 3 query ids are also document ids, but none"
                                + " of them carry the same text: the ids coincide, the queries are not"
                                + " documents)");
        assertThat(d.warning()).isNull();
    }

    @Test
    void ignoringThemAnywayWarnsWithTheQueryWhoseRelevantDocumentGoes() {
        IdenticalIds.Decision chosen =
                IdenticalIds.decide(true, DatasetSettings.NONE, numberedFromOne());
        assertThat(chosen.ignore()).isTrue();
        assertThat(chosen.relevantToThemselves()).containsExactly("2");
        assertThat(chosen.warning())
                .isEqualTo(
                        "1 query is judged relevant to the document with their own id, which"
                                + " ignoring identical ids removes from their rankings: 2");
        IdenticalIds.Decision file =
                IdenticalIds.decide(null, new DatasetSettings(null, true, null), numberedFromOne());
        assertThat(file.basis()).isEqualTo(IdenticalIds.Basis.DATASET_FILE);
        assertThat(file.describe()).isEqualTo("ignore identical ids: yes (as dataset.yaml says)");
        assertThat(file.warning()).contains(": 2");
    }

    @Test
    void queriesThatAreDocumentsAreIgnoredOnTheEvidenceAndAChoiceOverrulesIt() {
        List<TextItem> docs =
                List.of(
                        new TextItem("a", "How do I reset my VPN password?"),
                        new TextItem("b", "Forgot the VPN password, how to change it?"),
                        new TextItem("c", "Printer on floor 3 is jammed"));
        List<TextItem> queries = docs.subList(0, 2);
        RetrievalDataset data =
                new RetrievalDataset(
                        "dups",
                        null,
                        "test",
                        queries,
                        docs,
                        new Qrels(Map.of("a", Map.of("b", 1), "b", Map.of("a", 1))));
        IdenticalIds.Decision d = IdenticalIds.decide(null, DatasetSettings.NONE, data);
        assertThat(d.ignore()).isTrue();
        assertThat(d.describe())
                .isEqualTo(
                        "ignore identical ids: yes (2 of 2 queries are also documents (same id, same"
                                + " text))");
        assertThat(IdenticalIds.decide(false, DatasetSettings.NONE, data).ignore()).isFalse();
        assertThat(IdenticalIds.decide(false, DatasetSettings.NONE, data).describe())
                .isEqualTo("ignore identical ids: no (as chosen)");
    }
}
