package org.taew.desktop;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.taew.desktop.util.DialogService;

/** A dialog service that records what it was asked and answers from prepared replies. */
public final class RecordingDialogs implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    public final Deque<Boolean> confirmReplies = new ArrayDeque<>();
    public final Deque<String> textReplies = new ArrayDeque<>();
    public final Deque<Path> pathReplies = new ArrayDeque<>();

    @Override
    public synchronized void showError(String title, String message, Throwable details) {
        errors.add(title + ": " + message);
    }

    @Override
    public synchronized void showInformation(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public synchronized boolean confirm(String title, String message, String yes, String no) {
        confirmations.add(title + ": " + message);
        return confirmReplies.isEmpty() ? false : confirmReplies.pop();
    }

    @Override
    public synchronized Optional<String> askText(String title, String prompt, String initial) {
        return Optional.ofNullable(textReplies.poll());
    }

    @Override
    public synchronized Optional<Path> chooseFolder(String title, Path initial) {
        return Optional.ofNullable(pathReplies.poll());
    }

    @Override
    public synchronized Optional<Path> chooseOpenFile(
            String title, Path initialDir, String... extensions) {
        return Optional.ofNullable(pathReplies.poll());
    }

    @Override
    public synchronized Optional<Path> chooseSaveFile(
            String title, Path initialDir, String initialName, String extension) {
        return Optional.ofNullable(pathReplies.poll());
    }
}
