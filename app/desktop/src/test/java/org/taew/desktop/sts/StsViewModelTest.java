package org.taew.desktop.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.StsDataset;
import org.taew.core.model.StsPair;
import org.taew.desktop.session.StsSnapshot;

class StsViewModelTest {
    @Test
    void showsBothCorrelationsTheirDifferenceThePointsAndTheMovedPairs() {
        List<StsPair> pairs =
                List.of(
                        new StsPair(2, "a", "b", 5),
                        new StsPair(3, "c", "d", 4),
                        new StsPair(4, "e", "f", 3),
                        new StsPair(5, "g", "h", 2),
                        new StsPair(6, "i", "j", 1));
        EmbeddingService.Report none = new EmbeddingService.Report(5, 0, 5, 0, 50, 0.1);
        Map<Mode, StsEvaluation.ModeResult> modes = new EnumMap<>(Mode.class);
        double[] g = {0.9, 0.8, 0.7, 0.6, 0.95};
        double[] t = {0.9, 0.8, 0.7, 0.6, 0.1};
        modes.put(
                Mode.GENERAL,
                new StsEvaluation.ModeResult(
                        Mode.GENERAL, InstructionPair.GENERAL, 0, 0, g, none, none));
        modes.put(
                Mode.TASK_AWARE,
                new StsEvaluation.ModeResult(
                        Mode.TASK_AWARE, InstructionPair.GENERAL, 0, 0, t, none, none));
        StsEvaluation.Result r =
                new StsEvaluation.Result(
                        new StsDataset("pairs", Path.of("pairs.tsv"), pairs), "similarity", modes);
        SimpleObjectProperty<StsSnapshot> snapshot = new SimpleObjectProperty<>();
        StsViewModel vm = new StsViewModel(snapshot);
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("No evaluation yet");

        snapshot.set(
                new StsSnapshot(
                        r,
                        StsEvaluation.compare(
                                r, new ModeComparison.Settings(500, 500, 1, 0.95), 3)));
        assertThat(vm.rows())
                .extracting(StsViewModel.Row::measure)
                .containsExactly("Spearman", "Pearson");
        StsViewModel.Row rho = vm.rows().get(0);
        assertThat(rho.taskAware()).isEqualTo(1.0);
        assertThat(rho.delta().delta()).isPositive();
        assertThat(rho.taskAwareText()).startsWith("1.0000 [");
        assertThat(vm.moved()).hasSize(3);
        StsViewModel.Moved top = vm.moved().get(0);
        assertThat(top.line()).isEqualTo(6);
        assertThat(top.movementText()).isEqualTo("▼4");
        assertThat(top.closerToGold()).isTrue();
        assertThat(vm.pointsProperty().get().gold()).containsExactly(5, 4, 3, 2, 1);
        assertThat(vm.summaryProperty().get()).startsWith("5 pairs of pairs");
    }
}
