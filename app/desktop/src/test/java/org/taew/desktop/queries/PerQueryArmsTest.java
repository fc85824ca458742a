package org.taew.desktop.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.model.Arm;
import org.taew.desktop.ArmSnapshots;

/** The Per query tab's choice of any two evaluated arms. */
class PerQueryArmsTest {
    private final ReadOnlyObjectWrapper<LiveEvaluation.Snapshot> snapshot =
            new ReadOnlyObjectWrapper<>();
    private final PerQueryViewModel vm =
            new PerQueryViewModel(snapshot.getReadOnlyProperty(), new SimpleIntegerProperty(10));

    @Test
    void generalAndTaskAwareBySideUntilOtherArmsAreChosen() {
        snapshot.set(ArmSnapshots.withLexical());
        assertThat(vm.arms()).containsExactly(Arm.GENERAL, Arm.TASK_AWARE, Arm.BM25, Arm.HYBRID);
        assertThat(vm.leftProperty().get()).isEqualTo(Arm.GENERAL);
        assertThat(vm.rightProperty().get()).isEqualTo(Arm.TASK_AWARE);
        // task-aware − general: q2 loses, q1 and q3 win
        assertThat(vm.rows())
                .extracting(PerQueryViewModel.QueryRow::id)
                .containsExactly("q2", "q1", "q3");
        assertThat(vm.summaryProperty().get())
                .isEqualTo("nDCG@10 per query: 2 wins, 1 losses, 0 ties (task-aware vs general)");
        assertThat(vm.leftTitleProperty().get()).isEqualTo("General (no instruction)");
        assertThat(vm.deltaLabelProperty().get()).isEqualTo("Δ (task-aware − general)");
        assertThat(vm.selectedProperty().get().id()).isEqualTo("q2");
        assertThat(vm.rightHits())
                .extracting(PerQueryViewModel.Hit::docId)
                .containsExactly("a", "b");
    }

    @Test
    void choosingBm25OnTheRightChangesTheRowsTheDeltasAndTheHits() {
        snapshot.set(ArmSnapshots.withLexical());
        vm.select("q1");
        vm.rightProperty().set(Arm.BM25);
        // bm25 − general: q1 0.5 − 0.63, q2 0.63 − 1, q3 0.63 − 0.5
        assertThat(vm.rows())
                .extracting(PerQueryViewModel.QueryRow::id)
                .containsExactly("q2", "q1", "q3");
        PerQueryViewModel.QueryRow q1 = vm.selectedProperty().get();
        assertThat(q1.id()).isEqualTo("q1");
        assertThat(q1.left()).isCloseTo(ArmSnapshots.RANK2, offset(1e-9));
        assertThat(q1.right()).isCloseTo(ArmSnapshots.RANK3, offset(1e-9));
        assertThat(vm.summaryProperty().get())
                .isEqualTo("nDCG@10 per query: 1 wins, 2 losses, 0 ties (bm25 vs general)");
        assertThat(vm.rightTitleProperty().get()).startsWith("BM25 (k1 = 0.9, b = 0.4; ");
        assertThat(vm.deltaLabelProperty().get()).isEqualTo("Δ (bm25 − general)");
        assertThat(vm.leftHits())
                .extracting(PerQueryViewModel.Hit::docId)
                .containsExactly("b", "a");
        assertThat(vm.rightHits())
                .extracting(PerQueryViewModel.Hit::docId)
                .containsExactly("c", "d", "a");
        // a: third in BM25, second in general
        assertThat(vm.rightHits().get(2).movementText()).isEqualTo("▼1");

        vm.leftProperty().set(Arm.HYBRID);
        assertThat(vm.leftTitleProperty().get())
                .isEqualTo("Hybrid: reciprocal rank fusion (k = 60) of BM25 and task-aware mode");
        // bm25 − hybrid (every relevant document first in the hybrid): all losses
        assertThat(vm.rows()).allMatch(r -> r.outcome().equals("loss"));
        assertThat(vm.chartRowsProperty().get()).containsExactlyElementsOf(vm.rows());
        assertThat(vm.leftHits().get(0).docId()).isEqualTo("a");
    }

    @Test
    void anArmTheResultLacksFallsBackToThatSidesDefault() {
        snapshot.set(ArmSnapshots.withLexical());
        vm.leftProperty().set(Arm.HYBRID);
        vm.rightProperty().set(Arm.BM25);
        snapshot.set(ArmSnapshots.dense());
        assertThat(vm.arms()).containsExactly(Arm.GENERAL, Arm.TASK_AWARE);
        assertThat(vm.leftProperty().get()).isEqualTo(Arm.GENERAL);
        assertThat(vm.rightProperty().get()).isEqualTo(Arm.TASK_AWARE);
        assertThat(vm.summaryProperty().get()).endsWith("(task-aware vs general)");

        // chosen while the result lacks it (a box that lists more than there is)
        vm.rightProperty().set(Arm.BM25);
        assertThat(vm.rightProperty().get()).isEqualTo(Arm.TASK_AWARE);
        vm.leftProperty().set(null);
        assertThat(vm.leftProperty().get()).isEqualTo(Arm.GENERAL);

        // a choice made while nothing is shown is kept until a result lacks it
        snapshot.set(null);
        vm.rightProperty().set(Arm.HYBRID);
        snapshot.set(ArmSnapshots.withLexical());
        assertThat(vm.rightProperty().get()).isEqualTo(Arm.HYBRID);
        assertThat(vm.summaryProperty().get()).endsWith("(hybrid vs general)");
    }
}
