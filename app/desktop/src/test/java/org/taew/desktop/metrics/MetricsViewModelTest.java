package org.taew.desktop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.model.Arm;
import org.taew.desktop.ArmSnapshots;

/** The Metrics tab's columns with and without the lexical arms. */
class MetricsViewModelTest {
    private final ReadOnlyObjectWrapper<LiveEvaluation.Snapshot> snapshot =
            new ReadOnlyObjectWrapper<>();
    private final MetricsViewModel vm = new MetricsViewModel(snapshot.getReadOnlyProperty());

    @Test
    void everyArmGetsAColumnOfMeansAndEachIsComparedWithBm25() {
        snapshot.set(ArmSnapshots.withLexical());
        assertThat(vm.arms()).containsExactly(Arm.GENERAL, Arm.TASK_AWARE, Arm.BM25, Arm.HYBRID);
        ArmMeans ndcg = vm.means().get(0);
        assertThat(ndcg.label()).isEqualTo("nDCG@10");
        assertThat(ndcg.mean(Arm.GENERAL))
                .isCloseTo((ArmSnapshots.RANK2 + 1 + ArmSnapshots.RANK3) / 3, offset(1e-9));
        assertThat(ndcg.mean(Arm.TASK_AWARE))
                .isCloseTo((1 + ArmSnapshots.RANK2 + 1) / 3, offset(1e-9));
        assertThat(ndcg.mean(Arm.BM25))
                .isCloseTo((ArmSnapshots.RANK3 + 2 * ArmSnapshots.RANK2) / 3, offset(1e-9));
        assertThat(ndcg.mean(Arm.HYBRID)).isCloseTo(1.0, offset(1e-9));
        assertThat(ndcg.text(Arm.HYBRID)).isEqualTo("1.0000");
        // task-aware vs general stays as it was
        assertThat(ndcg.vsGeneral().delta())
                .isCloseTo(ndcg.mean(Arm.TASK_AWARE) - ndcg.mean(Arm.GENERAL), offset(1e-9));
        assertThat(vm.rows()).hasSize(vm.means().size());

        assertThat(vm.armComparisons())
                .extracting(ArmRow::label)
                .containsExactly(
                        "general vs bm25",
                        "task-aware vs bm25",
                        "hybrid vs bm25",
                        "hybrid vs task-aware");
        ArmRow generalVsBm25 = vm.armComparisons().get(0);
        assertThat(generalVsBm25.baseline()).isEqualTo(ndcg.mean(Arm.BM25));
        assertThat(generalVsBm25.arm()).isEqualTo(ndcg.mean(Arm.GENERAL));
        assertThat(generalVsBm25.main().delta())
                .isCloseTo(ndcg.mean(Arm.GENERAL) - ndcg.mean(Arm.BM25), offset(1e-9));
        // general beats BM25 on q1 and q2, loses q3
        assertThat(generalVsBm25.outcome()).isEqualTo("2 / 1 / 0");
        ArmRow hybridVsDense = vm.armComparisons().get(3);
        assertThat(hybridVsDense.baseline()).isEqualTo(ndcg.mean(Arm.TASK_AWARE));
        assertThat(hybridVsDense.outcome()).isEqualTo("1 / 0 / 2");
        assertThat(vm.lexicalProperty().get())
                .startsWith("bm25: BM25 (k1 = 0.9, b = 0.4; ")
                .contains(" · hybrid: reciprocal rank fusion (k = 60) of BM25 and task-aware mode")
                .endsWith(" · BM25 index reused from bm25");
        assertThat(vm.chartRowsProperty().get()).containsExactlyElementsOf(vm.means());
        assertThat(series()).containsExactly("general", "task-aware", "bm25", "hybrid");
    }

    @Test
    void withoutLexicalArmsOnlyTheModesHaveColumnsAndNothingIsComparedWithBm25() {
        snapshot.set(ArmSnapshots.withLexical());
        snapshot.set(ArmSnapshots.dense());
        assertThat(vm.arms()).containsExactly(Arm.GENERAL, Arm.TASK_AWARE);
        assertThat(vm.means().get(0).mean(Arm.BM25)).isNull();
        assertThat(vm.means().get(0).text(Arm.BM25)).isEqualTo("–");
        assertThat(vm.armComparisons()).isEmpty();
        assertThat(vm.lexicalProperty().get()).isEmpty();
        assertThat(vm.summaryProperty().get())
                .startsWith("nDCG@10 over 3 queries: task-aware wins 2, loses 1, ties 0");
        assertThat(series()).containsExactly("general", "task-aware");

        snapshot.set(null);
        assertThat(vm.arms()).isEmpty();
        assertThat(vm.means()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("No evaluation yet");
    }

    /** The chart's series, as the legend names them. */
    private List<String> series() {
        CategoryDataset d = MetricsCharts.createDataset(vm.chartRowsProperty().get());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.getRowCount(); i++) {
            out.add(d.getRowKey(i).toString());
        }
        return out;
    }
}
