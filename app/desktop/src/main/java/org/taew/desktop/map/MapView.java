package org.taew.desktop.map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.taew.core.logic.evaluation.EmbeddingMap;
import org.taew.desktop.util.Controls;

/**
 * The map tab: two choice boxes for the ends of the arrows (general → task-aware by default, or
 * between any two of the modes and the last experiment's variants); documents as grey dots at their
 * positions at the "to" end, each query as an arrow from its position at the "from" end (ring) to
 * its position at the "to" end (dot); the selected query's relevant documents in green and its top
 * 10 at the "to" end ringed in orange. Hover shows a text; a click selects a query and opens it in
 * Per query.
 */
public final class MapView extends BorderPane {
    private static final double MARGIN = 24;
    private static final double PICK = 9;
    private static final Color DOCUMENT = Color.rgb(150, 150, 150, 0.7);
    private static final Color ARROW = Color.rgb(40, 90, 170, 0.45);
    private static final Color QUERY = Color.rgb(40, 90, 170);
    private static final Color SELECTED = Color.rgb(200, 40, 40);
    private static final Color RELEVANT = Color.rgb(30, 150, 60);
    private static final Color TOP10 = Color.rgb(230, 130, 0);

    private final MapViewModel vm;
    private final Canvas canvas = new Canvas();
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    public MapView(MapViewModel vm) {
        this.vm = vm;
        setId("embedding-map");
        Label description = new Label();
        description.textProperty().bind(vm.descriptionProperty());
        description.setWrapText(true);
        Label legend = new Label();
        legend.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> legend(vm.fromProperty().get(), vm.toProperty().get()),
                                vm.fromProperty(),
                                vm.toProperty()));
        legend.setWrapText(true);
        HBox choose =
                new HBox(
                        6,
                        Controls.fixedLabel("Arrows from"),
                        endBox(vm.ends(), vm.fromProperty(), "map-from"),
                        Controls.fixedLabel("to"),
                        endBox(vm.ends(), vm.toProperty(), "map-to"));
        choose.setAlignment(Pos.CENTER_LEFT);
        Label hover = new Label();
        hover.textProperty().bind(vm.hoverProperty());
        hover.setWrapText(true);
        VBox top = new VBox(4, choose, description, legend);
        top.setPadding(new Insets(6));
        Pane holder = new Pane(canvas);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> draw());
        canvas.heightProperty().addListener((o, a, b) -> draw());
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMouseExited(e -> vm.hoverNothing());
        canvas.setOnMouseClicked(this::click);
        vm.mapProperty().addListener((o, a, b) -> draw());
        vm.selectedProperty().addListener((o, a, b) -> draw());
        setTop(top);
        setCenter(holder);
        setBottom(hover);
        BorderPane.setMargin(hover, new Insets(4, 6, 6, 6));
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        EmbeddingMap m = vm.mapProperty().get();
        if (m == null || canvas.getWidth() < 2 * MARGIN || canvas.getHeight() < 2 * MARGIN) {
            return;
        }
        fit(m);
        g.setFill(DOCUMENT);
        for (int d = 0; d < m.documents().size(); d++) {
            dot(g, m.documentTo(d), 2.5);
        }
        g.setLineWidth(1);
        for (int q = 0; q < m.queries().size(); q++) {
            arrow(g, m, q, ARROW, QUERY);
        }
        int s = vm.selectedProperty().get();
        if (s >= 0 && s < m.queries().size()) {
            g.setFill(RELEVANT);
            for (int d : m.relevant()[s]) {
                dot(g, m.documentTo(d), 4.5);
            }
            g.setStroke(TOP10);
            g.setLineWidth(1.5);
            for (int d : m.top10()[s]) {
                ring(g, m.documentTo(d), 7);
            }
            g.setLineWidth(2.5);
            arrow(g, m, s, SELECTED, SELECTED);
        }
    }

    /** One query's arrow: a ring at its "from" position, a line, a dot at its "to" one. */
    private void arrow(GraphicsContext g, EmbeddingMap m, int q, Color line, Color point) {
        double[] from = screen(m.queryFrom(q));
        double[] to = screen(m.queryTo(q));
        g.setStroke(line);
        g.strokeLine(from[0], from[1], to[0], to[1]);
        double len = Math.hypot(to[0] - from[0], to[1] - from[1]);
        if (len > 8) {
            double ux = (to[0] - from[0]) / len;
            double uy = (to[1] - from[1]) / len;
            for (double side : new double[] {-1, 1}) {
                g.strokeLine(
                        to[0],
                        to[1],
                        to[0] - 6 * ux + side * 3.5 * uy,
                        to[1] - 6 * uy - side * 3.5 * ux);
            }
        }
        g.setStroke(point);
        g.strokeOval(from[0] - 3, from[1] - 3, 6, 6);
        g.setFill(point);
        g.fillOval(to[0] - 3.5, to[1] - 3.5, 7, 7);
    }

    private void dot(GraphicsContext g, float[] p, double r) {
        double[] s = screen(p);
        g.fillOval(s[0] - r, s[1] - r, 2 * r, 2 * r);
    }

    private void ring(GraphicsContext g, float[] p, double r) {
        double[] s = screen(p);
        g.strokeOval(s[0] - r, s[1] - r, 2 * r, 2 * r);
    }

    /** One scale for both axes, so that distances on screen are distances in the projection. */
    private void fit(EmbeddingMap m) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (float[][] points : new float[][][] {m.from(), m.to()}) {
            for (float[] p : points) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double w = canvas.getWidth() - 2 * MARGIN;
        double h = canvas.getHeight() - 2 * MARGIN;
        scale = Math.min(w / Math.max(maxX - minX, 1e-9), h / Math.max(maxY - minY, 1e-9));
        offsetX = MARGIN + (w - scale * (maxX - minX)) / 2 - scale * minX;
        // the second axis points up, as on a chart
        offsetY = MARGIN + (h + scale * (maxY - minY)) / 2 + scale * minY;
    }

    private double[] screen(float[] p) {
        return new double[] {offsetX + scale * p[0], offsetY - scale * p[1]};
    }

    private void hover(MouseEvent e) {
        EmbeddingMap m = vm.mapProperty().get();
        if (m == null) {
            return;
        }
        int q = nearestQuery(m, e.getX(), e.getY());
        if (q >= 0) {
            vm.hoverQuery(q);
            return;
        }
        int best = -1;
        double bestD = PICK;
        for (int d = 0; d < m.documents().size(); d++) {
            double dist = distance(m.documentTo(d), e.getX(), e.getY());
            if (dist < bestD) {
                bestD = dist;
                best = d;
            }
        }
        if (best >= 0) {
            vm.hoverDocument(best);
        } else {
            vm.hoverNothing();
        }
    }

    private void click(MouseEvent e) {
        EmbeddingMap m = vm.mapProperty().get();
        if (m != null) {
            vm.select(nearestQuery(m, e.getX(), e.getY()));
        }
    }

    /** The query whose position at either end is nearest the point, within reach. */
    private int nearestQuery(EmbeddingMap m, double x, double y) {
        int best = -1;
        double bestD = PICK;
        for (int q = 0; q < m.queries().size(); q++) {
            for (float[] p : new float[][] {m.queryFrom(q), m.queryTo(q)}) {
                double dist = distance(p, x, y);
                if (dist < bestD) {
                    bestD = dist;
                    best = q;
                }
            }
        }
        return best;
    }

    private double distance(float[] p, double x, double y) {
        double[] s = screen(p);
        return Math.hypot(s[0] - x, s[1] - y);
    }

    private static String legend(MapEnd from, MapEnd to) {
        return "○ → ● a query from "
                + from
                + " to "
                + to
                + " · grey: documents (at "
                + to
                + ") · click a query: green = its relevant documents, orange ring = its top 10 by "
                + to
                + ", and it opens in Per query";
    }

    private static ComboBox<MapEnd> endBox(
            ObservableList<MapEnd> ends, ObjectProperty<MapEnd> chosen, String id) {
        ComboBox<MapEnd> box = new ComboBox<>(ends);
        box.setId(id);
        box.valueProperty().bindBidirectional(chosen);
        return Controls.unsqueezed(box);
    }
}
