package org.taew.desktop.util;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The dialogs of the running application. */
public final class FxDialogService implements DialogService {
    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message, Throwable details) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(560);
        a.getDialogPane().setContent(text);
        if (details != null) {
            TextArea area = new TextArea(ErrorMessages.details(details));
            area.setEditable(false);
            area.setWrapText(false);
            area.setPrefRowCount(14);
            GridPane.setVgrow(area, Priority.ALWAYS);
            GridPane.setHgrow(area, Priority.ALWAYS);
            GridPane box = new GridPane();
            box.add(new Label("Details"), 0, 0);
            box.add(area, 0, 1);
            a.getDialogPane().setExpandableContent(box);
        }
        a.getDialogPane().setId("error-dialog");
        a.showAndWait();
    }

    @Override
    public void showInformation(String title, String message) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        a.showAndWait();
    }

    @Override
    public void showText(String title, String message, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(message);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefColumnCount(90);
        area.setPrefRowCount(24);
        area.setStyle("-fx-font-family: monospace;");
        a.getDialogPane().setContent(area);
        a.setResizable(true);
        a.showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String yes, String no) {
        ButtonType y = new ButtonType(yes, ButtonBar.ButtonData.YES);
        ButtonType n = new ButtonType(no, ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, y, n);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        return a.showAndWait().filter(b -> b == y).isPresent();
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(prompt);
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            c.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path initialDir, String... extensions) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        if (initialDir != null && Files.isDirectory(initialDir)) {
            c.setInitialDirectory(initialDir.toFile());
        }
        List<String> patterns = new ArrayList<>();
        for (String e : extensions) {
            patterns.add("*." + e);
        }
        c.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter(String.join(", ", patterns), patterns));
        return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(
            String title, Path initialDir, String initialName, String extension) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        if (initialDir != null && Files.isDirectory(initialDir)) {
            c.setInitialDirectory(initialDir.toFile());
        }
        c.setInitialFileName(initialName);
        c.getExtensionFilters()
                .add(
                        new FileChooser.ExtensionFilter(
                                extension.toUpperCase(Locale.ROOT) + " files", "*." + extension));
        return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
    }
}
