package org.taew.desktop.heatmap;

import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.SimilarityMap;
import org.taew.core.model.Mode;
import org.taew.core.model.TextItem;

/**
 * Similarity heatmaps: queries × documents for each mode and their difference, from a documented
 * sample ({@link SimilarityMap}). Colours follow a per-row rank or the model's own score range,
 * never a fixed 0–1 scale (e5 cosines sit between 0.7 and 1.0).
 */
public final class HeatmapViewModel {
    /** How a cell's colour is chosen. */
    public enum Scale {
        /** Rank of the cell within its row (1 = the row's best document): shows the ordering. */
        ROW_RANK("rank within the query's row"),
        /** The cosine on one scale from the lowest to the highest cosine of both modes. */
        MODEL_SCALE("cosine, on this model's range");

        private final String label;

        Scale(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which matrix a chart shows. */
    public enum Panel {
        GENERAL,
        TASK_AWARE,
        DIFFERENCE
    }

    private final ObjectProperty<Scale> scale = new SimpleObjectProperty<>(Scale.MODEL_SCALE);
    private final ReadOnlyObjectWrapper<SimilarityMap> map = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper hover = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sampling = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selectedQuery = new ReadOnlyStringWrapper();
    private final int maxQueries;
    private final int negatives;

    public HeatmapViewModel(
            ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshot,
            int maxQueries,
            int negativesPerQuery) {
        this.maxQueries = maxQueries;
        this.negatives = negativesPerQuery;
        snapshot.addListener((o, a, b) -> show(b));
        show(snapshot.get());
    }

    public ObjectProperty<Scale> scaleProperty() {
        return scale;
    }

    public ReadOnlyObjectProperty<SimilarityMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hoverProperty() {
        return hover.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** The query of the last clicked cell (the per-query tab follows it). */
    public ReadOnlyStringProperty selectedQueryProperty() {
        return selectedQuery.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    void show(LiveEvaluation.Snapshot s) {
        if (s == null) {
            map.set(null);
            sampling.set("");
            return;
        }
        SimilarityMap m = SimilarityMap.sample(s, maxQueries, negatives);
        map.set(m);
        sampling.set(
                "Sample: "
                        + m.sampling()
                        + ". Judged pairs are outlined; rows and columns are ordered so they lie on"
                        + " the diagonal.");
    }

    /** The value that decides a cell's colour, on the panel's scale. */
    public double value(Panel panel, int row, int column) {
        SimilarityMap m = map.get();
        if (panel == Panel.DIFFERENCE) {
            return m.difference(row, column);
        }
        float[][] a = m.of(panel == Panel.GENERAL ? Mode.GENERAL : Mode.TASK_AWARE);
        if (scale.get() == Scale.ROW_RANK) {
            return rankInRow(a[row], column);
        }
        return a[row][column];
    }

    /** The lowest and highest value of a panel on the current scale. */
    public double[] range(Panel panel) {
        SimilarityMap m = map.get();
        if (m == null || m.rows() == 0 || m.columns() == 0) {
            return new double[] {0, 1};
        }
        if (panel == Panel.DIFFERENCE) {
            double max = 1e-6;
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.columns(); c++) {
                    max = Math.max(max, Math.abs(m.difference(r, c)));
                }
            }
            return new double[] {-max, max};
        }
        if (scale.get() == Scale.ROW_RANK) {
            return new double[] {1, m.columns()};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[][] a : new float[][][] {m.general(), m.taskAware()}) {
            for (float[] row : a) {
                for (float v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo - 1e-3, hi + 1e-3};
    }

    /** 1 for the row's highest cosine. */
    static int rankInRow(float[] row, int column) {
        int rank = 1;
        for (int c = 0; c < row.length; c++) {
            if (row[c] > row[column] || (row[c] == row[column] && c < column)) {
                rank++;
            }
        }
        return rank;
    }

    /** Describes the cell under the pointer. */
    public void hover(int row, int column) {
        SimilarityMap m = map.get();
        if (m == null || row < 0 || column < 0 || row >= m.rows() || column >= m.columns()) {
            hover.set("");
            return;
        }
        hover.set(cellLine(m, row, column));
    }

    /** Opens a cell: the full query and document with both scores. */
    public void select(int row, int column) {
        SimilarityMap m = map.get();
        if (m == null || row < 0 || column < 0 || row >= m.rows() || column >= m.columns()) {
            return;
        }
        TextItem q = m.queries().get(row);
        TextItem d = m.documents().get(column);
        selectedQuery.set(q.id());
        details.set(
                cellLine(m, row, column)
                        + "\n\nQuery "
                        + q.id()
                        + ":\n"
                        + q.text()
                        + "\n\nDocument "
                        + d.id()
                        + ":\n"
                        + d.text());
    }

    private static String cellLine(SimilarityMap m, int row, int column) {
        TextItem q = m.queries().get(row);
        TextItem d = m.documents().get(column);
        int g = m.grades()[row][column];
        return String.format(
                Locale.ROOT,
                "%s × %s · general %.4f (rank %d) · task-aware %.4f (rank %d) · Δ %+.4f · %s · %s",
                q.id(),
                d.id(),
                m.general()[row][column],
                rankInRow(m.general()[row], column),
                m.taskAware()[row][column],
                rankInRow(m.taskAware()[row], column),
                m.difference(row, column),
                g == 0 ? "not judged" : "judged " + g,
                abbreviate(q.text(), 80));
    }

    static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
