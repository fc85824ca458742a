package org.taew.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.stage.Stage;
import org.taew.core.logic.evaluation.LiveEvaluation;
import org.taew.desktop.Workbench;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.util.ChartPane;
import org.taew.desktop.util.FxDialogService;
import org.taew.desktop.util.FxStallMonitor;

/**
 * The desktop workbench's edit-to-update latency: the real window (run it under Xvfb), 300 queries
 * × 5,000 documents, e5-small-v2. After a first evaluation fills the cache, the query template is
 * edited five times as the editor's text area would set it; each time we measure from the edit to
 * the moment every view shows the new numbers (metrics table, per-query lists, and the charts,
 * which are drawn off the FX thread and counted until their image is on screen), the 300 ms typing
 * pause included. A probe measures the longest time the FX thread could not run, through the first
 * (cold) evaluation and the edits. Baseline in the same run: the first evaluation, which encodes
 * everything.
 */
final class LiveUpdateBenchmark {
    private static final int EDITS = 5;

    private LiveUpdateBenchmark() {}

    static void run(BenchTexts texts) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Desktop: edit-to-update latency, %d queries x %d documents ==%n",
                ReevalBenchmark.QUERIES,
                ReevalBenchmark.DOCUMENTS);
        BenchWorkspace bench =
                BenchWorkspace.create(
                        "taew-live-bench", ReevalBenchmark.dataset(texts), "bench-300x5000");
        WorkbenchContext context = new WorkbenchContext(bench.workspace(), bench.home());

        FxPlatform.start();
        FxStallMonitor stalls = new FxStallMonitor(5);
        FxSampler sampler = Boolean.getBoolean("taew.bench.sample") ? new FxSampler() : null;
        AtomicReference<Workbench> wb = new AtomicReference<>();
        AtomicLong firstDone = new AtomicLong();
        AtomicLong windowShown = new AtomicLong();
        CountDownLatch first = new CountDownLatch(1);
        long t0 = System.nanoTime();
        Platform.runLater(
                () -> {
                    Workbench w =
                            Workbench.show(
                                    new Stage(),
                                    context,
                                    FxDialogService::new,
                                    "bench-300x5000",
                                    "e5-small-v2");
                    wb.set(w);
                    windowShown.set(System.nanoTime());
                    w.session()
                            .snapshotProperty()
                            .addListener(
                                    (o, a, b) -> {
                                        if (b != null && first.getCount() > 0) {
                                            firstDone.set(System.nanoTime());
                                            first.countDown();
                                        }
                                    });
                });
        // From the first FX event after the window was built: model loading and encoding in the
        // background. (A probe posted while the window was being built would count its building.)
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(shown::countDown);
        shown.await();
        Thread.sleep(50);
        stalls.reset();
        if (!first.await(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the first evaluation did not finish");
        }
        double cold = (firstDone.get() - t0) / 1e9;
        double coldStall = stalls.maxStallMillis();
        System.out.printf(
                Locale.ROOT,
                "First evaluation (window opened, model loaded, 2 x (300 + 5,000) texts encoded): %.1f s"
                        + " (window shown after %.1f s); longest FX-thread stall after the window was"
                        + " shown: %.0f ms (%d probes)%n",
                cold,
                (windowShown.get() - t0) / 1e9,
                coldStall,
                stalls.samples());
        if (Boolean.getBoolean("taew.bench.sample")) {
            System.out.println("FX thread during the longest stall:\n" + stalls.worstStack());
        }
        Thread.sleep(3000); // let the token preview after the first evaluation finish
        stalls.reset();
        // Two warm-up edits (the JIT compiles the hot paths of a fresh process); shown, not
        // counted.
        for (int i = 0; i < 2; i++) {
            double w = edit(wb.get(), "query: warm-up " + i + " {text}");
            System.out.printf(Locale.ROOT, "Warm-up edit %d (not counted): %.3f s%n", i + 1, w);
            Thread.sleep(2500);
        }
        String[] tabs = {"Metrics", "Heatmaps", "Per query"};
        double[] all = new double[EDITS * tabs.length];
        for (int t = 0; t < tabs.length; t++) {
            int tab = t;
            Platform.runLater(() -> wb.get().view().tabs().getSelectionModel().select(tab));
            Thread.sleep(3000);
            stalls.reset();
            double[] latencies = new double[EDITS];
            double updateStall = 0;
            double afterStall = 0;
            String worst = "";
            for (int i = 0; i < EDITS; i++) {
                stalls.reset();
                latencies[i] =
                        edit(
                                wb.get(),
                                "query: variant " + t + "." + i + " of the question: {text}");
                all[t * EDITS + i] = latencies[i];
                if (stalls.maxStallMillis() > updateStall) {
                    updateStall = stalls.maxStallMillis();
                    worst = stalls.worstStack();
                }
                stalls.reset();
                Thread.sleep(2500); // the token preview of the new template runs after each update
                afterStall = Math.max(afterStall, stalls.maxStallMillis());
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-9s tab shown: longest FX-thread stall from edit to update %.0f ms, in the 2.5 s"
                            + " after it (token preview) %.0f ms%n",
                    tabs[t],
                    updateStall,
                    afterStall);
            if (Boolean.getBoolean("taew.bench.sample")) {
                System.out.println("FX thread during the longest stall:\n" + worst);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-9s tab shown: edit to updated view median %.3f s, max %.3f s%n",
                    tabs[t],
                    BenchRun.median(latencies),
                    Arrays.stream(latencies).max().orElseThrow());
        }
        double median = BenchRun.median(all);
        System.out.printf(
                Locale.ROOT,
                "All %d edits (300 ms typing pause included): median %.3f s, max %.3f s (target <= 1.5"
                        + " s); first evaluation / median edit = %.1fx. FX-stall target: <= 100 ms.%n",
                all.length,
                median,
                Arrays.stream(all).max().orElseThrow(),
                cold / median);
        stalls.close();
        if (sampler != null) {
            sampler.printTop(25);
        }
        Platform.runLater(() -> wb.get().stage().close());
    }

    /**
     * Sets the query template on the FX thread; returns seconds until the views took the result.
     */
    private static double edit(Workbench w, String template) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong start = new AtomicLong();
        AtomicLong end = new AtomicLong();
        Platform.runLater(
                () -> {
                    ChangeListener<LiveEvaluation.Snapshot> l =
                            new ChangeListener<>() {
                                @Override
                                public void changed(
                                        ObservableValue<? extends LiveEvaluation.Snapshot> o,
                                        LiveEvaluation.Snapshot a,
                                        LiveEvaluation.Snapshot b) {
                                    // registered last: runs after every view has taken the result;
                                    // then wait until the charts, drawn off the FX thread, are
                                    // shown
                                    o.removeListener(this);
                                    whenChartsDrawn(
                                            () -> {
                                                end.set(System.nanoTime());
                                                done.countDown();
                                            });
                                }
                            };
                    w.session().snapshotProperty().addListener(l);
                    start.set(System.nanoTime());
                    w.session().editor().form().queryTemplateProperty().set(template);
                });
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("no update after the edit");
        }
        return (end.get() - start.get()) / 1e9;
    }

    /** Runs {@code then} on the FX thread once no chart is waiting to be drawn. */
    private static void whenChartsDrawn(Runnable then) {
        if (ChartPane.allDrawn()) {
            then.run();
        } else {
            Platform.runLater(() -> whenChartsDrawn(then));
        }
    }
}
