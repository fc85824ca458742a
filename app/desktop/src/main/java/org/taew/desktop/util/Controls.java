package org.taew.desktop.util;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.Region;

/** Small pieces the views share. */
public final class Controls {
    private Controls() {}

    /** A control that keeps its preferred width when its row runs short of space. */
    public static <T extends Region> T unsqueezed(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    /** A label that is never cut to "…". */
    public static Label fixedLabel(String text) {
        return unsqueezed(new Label(text));
    }

    /** {@code c} with the preferred width {@code w}. */
    public static <R, T> TableColumn<R, T> width(TableColumn<R, T> c, double w) {
        c.setPrefWidth(w);
        return c;
    }

    /** A table column showing what {@code f} gives for each row. */
    public static <R, T> TableColumn<R, T> column(String title, Function<R, T> f) {
        TableColumn<R, T> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(f.apply(v.getValue())));
        return c;
    }

    /**
     * The "Δ" column: the delta's text, a star when its interval excludes zero, coloured by sign.
     */
    public static <R> TableColumn<R, R> deltaColumn(
            ToDoubleFunction<R> delta, Function<R, String> text, Predicate<R> significant) {
        TableColumn<R, R> c = new TableColumn<>("Δ");
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue()));
        c.setCellFactory(
                col ->
                        new TableCell<>() {
                            @Override
                            protected void updateItem(R r, boolean empty) {
                                super.updateItem(r, empty);
                                if (empty || r == null) {
                                    setText(null);
                                    setStyle("");
                                } else {
                                    setText(text.apply(r) + (significant.test(r) ? " *" : ""));
                                    setStyle(deltaStyle(delta.applyAsDouble(r)));
                                }
                            }
                        });
        return c;
    }

    /** Text colour of a task-aware − general delta: green above zero, red below, plain at zero. */
    public static String deltaStyle(double delta) {
        return delta > 0 ? "-fx-text-fill: #1b7f3a;" : delta < 0 ? "-fx-text-fill: #b02a2a;" : "";
    }
}
