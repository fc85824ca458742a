package org.taew.report.charts;

import java.awt.Color;
import java.awt.Font;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.taew.core.model.Arm;

/** The colours (and style) every chart and report gives the arms, wins and losses. */
public final class ChartColors {
    public static final Color GENERAL = new Color(0x8c, 0x96, 0xa6);
    public static final Color TASK_AWARE = new Color(0x2b, 0x6c, 0xb0);
    public static final Color BM25 = new Color(0xd9, 0x8c, 0x1f);
    public static final Color HYBRID = new Color(0x6a, 0x3d, 0x9a);

    /** A difference that survives Holm's adjustment. */
    public static final Color SIGNIFICANT = new Color(0xb0, 0x3a, 0x2e);

    public static final Color WIN = new Color(0x1a, 0x98, 0x50);
    public static final Color LOSS = new Color(0xb2, 0x18, 0x2b);
    public static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private static final Map<Arm, Color> ARMS =
            Map.of(
                    Arm.GENERAL,
                    GENERAL,
                    Arm.TASK_AWARE,
                    TASK_AWARE,
                    Arm.BM25,
                    BM25,
                    Arm.HYBRID,
                    HYBRID);

    /** Series that are not arms (two runs compared): the first as general, then as task-aware. */
    private static final Color[] OTHERS = {GENERAL, TASK_AWARE, BM25, HYBRID};

    private ChartColors() {}

    public static Color of(Arm arm) {
        return ARMS.get(arm);
    }

    /** The house style of a chart made by ChartFactory: a bold title, white backgrounds. */
    public static JFreeChart plain(JFreeChart chart) {
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The colour of series {@code index} named {@code label}: its arm's, else by position. */
    public static Color series(String label, int index) {
        Arm arm = Arm.find(label);
        return arm != null ? ARMS.get(arm) : OTHERS[index % OTHERS.length];
    }
}
