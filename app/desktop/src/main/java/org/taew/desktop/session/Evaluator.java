package org.taew.desktop.session;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.model.Side;
import org.taew.core.model.StsPair;
import org.taew.core.model.TextItem;
import org.taew.desktop.instructions.InstructionEditorViewModel;
import org.taew.desktop.util.BackgroundTask;
import org.taew.desktop.util.Debouncer;
import org.taew.desktop.util.ErrorMessages;
import org.taew.desktop.util.TaskRunner;

/**
 * Live re-evaluation for the session: after a pause in typing, both modes are evaluated with the
 * editor's templates ({@link LiveEvaluation} re-encodes only the side that changed; sentence pairs
 * are encoded through the cache, so only changed texts run through the model); requests made while
 * work runs are coalesced ({@link EvaluationQueue}); after the numbers are shown, the token preview
 * of the templates is measured. It is given what it needs: the editor, the current settings, the
 * window's {@link WorkStatus} to run in and the {@link RunRecorder} to record what it shows.
 */
final class Evaluator {
    private final InstructionEditorViewModel editor;
    private final Supplier<RetrievalEvaluation.Settings> settings;
    private final WorkStatus work;
    private final RunRecorder recorder;
    private final Debouncer debouncer;
    private final LongSupplier clock;
    private final EvaluationQueue queue = new EvaluationQueue();
    private final TokenPreview preview = new TokenPreview();
    private final ReadOnlyObjectWrapper<LiveEvaluation.Snapshot> snapshot =
            new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<StsSnapshot> sts = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper lastUpdate = new ReadOnlyStringWrapper("");
    private EvaluationSession target;
    private LiveEvaluation live;
    private long pendingEditAt;

    Evaluator(
            InstructionEditorViewModel editor,
            Supplier<RetrievalEvaluation.Settings> settings,
            WorkStatus work,
            RunRecorder recorder,
            Debouncer debouncer,
            LongSupplier clock) {
        this.editor = editor;
        this.settings = settings;
        this.work = work;
        this.recorder = recorder;
        this.debouncer = debouncer;
        this.clock = clock;
        editor.form().compiledProperty().addListener((o, a, b) -> onInstructionsChanged());
        editor.selectedTaskProperty().addListener((o, a, b) -> onInstructionsChanged());
    }

    ReadOnlyObjectProperty<LiveEvaluation.Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<StsSnapshot> stsProperty() {
        return sts.getReadOnlyProperty();
    }

    ReadOnlyStringProperty lastUpdateProperty() {
        return lastUpdate.getReadOnlyProperty();
    }

    /** The session to evaluate from now on (a newly opened dataset or model), or none. */
    void target(EvaluationSession next) {
        if (next != target) {
            preview.clear();
        }
        target = next;
        live = next == null ? null : next.live();
    }

    void dropPending() {
        queue.dropPending();
    }

    /** After other work (an experiment): the request that waited for it runs. */
    void resume() {
        if (queue.takePending()) {
            request();
        }
    }

    private void onInstructionsChanged() {
        long at = editor.editedAtProperty().get();
        if (pendingEditAt == 0 || at > pendingEditAt) {
            pendingEditAt = at;
        }
        if (editor.form().compiledProperty().get() == null) {
            lastUpdate.set("Waiting for a valid template");
            return;
        }
        debouncer.schedule("evaluate", this::request);
    }

    /** Evaluates both modes with the editor's instructions, now or after the running work. */
    void request() {
        InstructionPair pair = editor.form().compiledProperty().get();
        if (target == null || pair == null) {
            return;
        }
        RetrievalEvaluation.Settings settings = this.settings.get();
        boolean shown = (live == null ? sts.get() : snapshot.get()) != null;
        EvaluationQueue.Request request = new EvaluationQueue.Request(target, pair, settings);
        if (queue.offer(request, work.isRunning(), shown) != EvaluationQueue.Decision.RUN) {
            return;
        }
        EvaluationSession s = target;
        long editAt = pendingEditAt;
        pendingEditAt = 0;
        if (live != null) {
            LiveEvaluation evaluation = live;
            run(
                    p -> {
                        LiveEvaluation.Snapshot dense = evaluation.evaluate(pair, settings, p);
                        // BM25 ranked once per split, the hybrid fused again with this edit
                        return dense.withResult(s.withLexical(dense.result(), p));
                    },
                    s,
                    pair,
                    result -> {
                        snapshot.set(result);
                        describeUpdate(result, editAt);
                        recorder.record(s, result.result());
                    });
            return;
        }
        // sentence pairs: both modes, their correlations and the comparison (bootstrap, test)
        Map<Mode, InstructionPair> modes = new EnumMap<>(Mode.class);
        modes.put(Mode.GENERAL, InstructionPair.GENERAL);
        modes.put(Mode.TASK_AWARE, pair);
        run(
                p -> {
                    StsEvaluation.Result r = s.evaluateSts(modes, p);
                    return new StsSnapshot(r, StsEvaluation.compare(r));
                },
                s,
                pair,
                result -> {
                    sts.set(result);
                    lastUpdate.set(
                            updated(editAt)
                                    + " · "
                                    + result.result().dataset().pairs().size()
                                    + " pairs");
                });
    }

    /**
     * Runs an evaluation; its result is shown unless another session was opened meanwhile, then a
     * waiting request runs, else the token preview is measured.
     */
    private <T> void run(
            TaskRunner.Work<T> work, EvaluationSession s, InstructionPair pair, Consumer<T> show) {
        String task = editor.selectedTaskProperty().get();
        this.work.begin(SessionState.EVALUATING, "Evaluating " + (task == null ? "" : task));
        this.work.run(
                BackgroundTask.of(work)
                        .showingProgressIn(this.work.progress())
                        .onSuccess(
                                result -> {
                                    if (s != target) {
                                        return;
                                    }
                                    show.accept(result);
                                    this.work.ready();
                                    if (queue.takePending()) {
                                        request();
                                    } else {
                                        // after the new numbers are drawn: the tokenizer uses
                                        // every core
                                        debouncer.schedule(
                                                "token-preview", () -> measureCosts(pair));
                                    }
                                })
                        .onFailure(
                                e -> {
                                    queue.failed();
                                    this.work.fail("Evaluation failed", e);
                                    if (queue.takePending()) {
                                        request();
                                    }
                                }));
    }

    private String updated(long editAt) {
        return editAt == 0
                ? "Evaluated"
                : String.format(
                        Locale.ROOT,
                        "Updated %.2f s after the edit",
                        (clock.getAsLong() - editAt) / 1e9);
    }

    private void describeUpdate(LiveEvaluation.Snapshot s, long editAt) {
        StringBuilder sb = new StringBuilder(updated(editAt));
        List<String> encoded = new ArrayList<>();
        s.queries().forEach((m, v) -> count(encoded, m.label() + " queries ", v));
        s.documents().forEach((m, v) -> count(encoded, m.label() + " documents ", v));
        sb.append(
                encoded.isEmpty()
                        ? " · nothing re-encoded (cache)"
                        : " · encoded " + String.join(", ", encoded));
        lastUpdate.set(sb.toString());
    }

    private static void count(List<String> encoded, String what, LiveEvaluation.SideVectors v) {
        if (!v.reused() && v.report().encoded() > 0) {
            encoded.add(what + v.report().encoded());
        }
    }

    /**
     * Token preview of both sides, measured after the numbers are shown; remembered per template.
     */
    @SuppressWarnings("ReferenceEquality") // the very pair evaluated, not an equal one
    private void measureCosts(InstructionPair pair) {
        EvaluationSession s = target;
        if (work.isRunning() || pair != editor.form().compiledProperty().get()) {
            return; // another evaluation is on its way; its preview follows it
        }
        if (s == null) {
            return;
        }
        Map<Side, String> known = preview.known(pair);
        known.forEach(editor.form()::setCost);
        List<Side> missing = new ArrayList<>();
        for (Side side : Side.values()) {
            if (!known.containsKey(side)) {
                missing.add(side);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        work.run(
                BackgroundTask.of(p -> TokenPreview.measure(s.encoder(), texts(s), pair, missing))
                        .onSuccess(
                                out -> {
                                    if (s == target) {
                                        preview.remember(pair, out);
                                        out.forEach(editor.form()::setCost);
                                    }
                                    runPending();
                                })
                        .onFailure(
                                e -> {
                                    if (!ErrorMessages.isCancellation(e)) {
                                        editor.form()
                                                .setCost(
                                                        Side.QUERY,
                                                        "token count failed: "
                                                                + ErrorMessages.message(e));
                                    }
                                    runPending();
                                }));
    }

    /** The texts of each side: queries and documents, or first and second sentences. */
    private static Map<Side, TokenPreview.SideTexts> texts(EvaluationSession s) {
        Map<Side, TokenPreview.SideTexts> texts = new EnumMap<>(Side.class);
        SessionSetup setup = s.setup();
        if (setup.isSts()) {
            List<TextItem> first = new ArrayList<>();
            List<TextItem> second = new ArrayList<>();
            for (StsPair p : setup.sts().pairs()) {
                first.add(new TextItem(Integer.toString(p.line()), p.first()));
                second.add(new TextItem(Integer.toString(p.line()), p.second()));
            }
            texts.put(Side.QUERY, new TokenPreview.SideTexts(first, "first sentences"));
            texts.put(Side.DOCUMENT, new TokenPreview.SideTexts(second, "second sentences"));
        } else {
            texts.put(
                    Side.QUERY, new TokenPreview.SideTexts(setup.retrieval().queries(), "queries"));
            texts.put(
                    Side.DOCUMENT,
                    new TokenPreview.SideTexts(setup.retrieval().documents(), "documents"));
        }
        return texts;
    }

    private void runPending() {
        if (queue.takePending()) {
            request();
        }
    }
}
