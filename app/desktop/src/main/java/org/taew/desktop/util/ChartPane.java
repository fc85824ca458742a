package org.taew.desktop.util;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.taew.core.util.ThreadPriority;

/**
 * Shows a JFreeChart as an image that is drawn off the FX thread. JFreeChart-FX's canvas would
 * replay every line and glyph on JavaFX's render thread at each change; with a software renderer
 * (no GPU, e.g. a remote desktop) that kept the FX thread waiting well over 100 ms per update. Here
 * a background thread draws the chart with Java2D, and the FX side only copies the finished pixels.
 * A chart handed to this pane must not be changed afterwards (the views build a new one per
 * update).
 */
public final class ChartPane extends Region {
    private static final ExecutorService RENDER =
            Executors.newSingleThreadExecutor(
                    ThreadPriority.daemonThreads("taew-chart-render", true));

    /** Charts submitted for drawing and not yet on screen (or dropped as outdated), all panes. */
    private static final AtomicInteger PENDING = new AtomicInteger();

    private final ObjectProperty<JFreeChart> chart = new SimpleObjectProperty<>();
    private final ImageView view = new ImageView();
    private final AtomicLong generation = new AtomicLong();
    private volatile ChartRenderingInfo info;
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private boolean stale;

    public ChartPane() {
        getChildren().add(view);
        setMinSize(50, 50);
        setPrefSize(400, 300);
        chart.addListener((o, a, b) -> render());
        widthProperty().addListener((o, a, b) -> render());
        heightProperty().addListener((o, a, b) -> render());
        active.addListener(
                (o, a, b) -> {
                    if (b && stale) {
                        render();
                    }
                });
    }

    /**
     * Whether the chart is on screen (e.g. bound to its tab's visibility): an inactive pane only
     * remembers that it must draw, so hidden tabs cost nothing while the numbers change.
     */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ObjectProperty<JFreeChart> chartProperty() {
        return chart;
    }

    public JFreeChart getChart() {
        return chart.get();
    }

    public void setChart(JFreeChart c) {
        chart.set(c);
    }

    /** Whether every chart handed to a pane is on screen (call on the FX thread). */
    public static boolean allDrawn() {
        return PENDING.get() == 0;
    }

    /** Where the plot's data area lies in this pane's coordinates, once drawn; else null. */
    public Rectangle2D dataArea() {
        ChartRenderingInfo i = info;
        return i == null ? null : i.getPlotInfo().getDataArea();
    }

    @Override
    protected void layoutChildren() {
        view.relocate(0, 0);
    }

    private void render() {
        JFreeChart c = chart.get();
        int w = (int) Math.floor(getWidth());
        int h = (int) Math.floor(getHeight());
        long gen = generation.incrementAndGet();
        if (c == null || w < 2 || h < 2) {
            return;
        }
        if (!active.get()) {
            stale = true;
            return;
        }
        stale = false;
        PENDING.incrementAndGet();
        RENDER.execute(
                () -> {
                    if (generation.get() != gen) {
                        PENDING.decrementAndGet();
                        return; // a newer chart or size is on its way
                    }
                    ChartRenderingInfo i = new ChartRenderingInfo();
                    BufferedImage img =
                            c.createBufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE, i);
                    int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
                    Platform.runLater(
                            () -> {
                                PENDING.decrementAndGet();
                                if (generation.get() != gen) {
                                    return;
                                }
                                WritableImage fx = new WritableImage(w, h);
                                fx.getPixelWriter()
                                        .setPixels(
                                                0,
                                                0,
                                                w,
                                                h,
                                                PixelFormat.getIntArgbPreInstance(),
                                                pixels,
                                                0,
                                                w);
                                info = i;
                                view.setImage(fx);
                            });
                });
    }
}
