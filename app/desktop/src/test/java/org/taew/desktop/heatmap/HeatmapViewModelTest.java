package org.taew.desktop.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeatmapViewModelTest {
    @Test
    void rankInRowIsOneForTheMostSimilarDocumentAndBreaksTiesByColumn() {
        float[] row = {0.71f, 0.93f, 0.80f, 0.93f};
        assertThat(HeatmapViewModel.rankInRow(row, 1)).isEqualTo(1);
        assertThat(HeatmapViewModel.rankInRow(row, 3)).isEqualTo(2);
        assertThat(HeatmapViewModel.rankInRow(row, 2)).isEqualTo(3);
        assertThat(HeatmapViewModel.rankInRow(row, 0)).isEqualTo(4);
    }

    @Test
    void longTextIsShortenedWithAnEllipsis() {
        assertThat(HeatmapViewModel.abbreviate("short\ntext", 80)).isEqualTo("short text");
        assertThat(HeatmapViewModel.abbreviate("x".repeat(100), 10)).isEqualTo("xxxxxxxxx…");
    }
}
