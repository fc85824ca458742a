package org.taew.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.taew.core.logic.experiments.ExperimentWriter;
import org.taew.desktop.Workbench;
import org.taew.desktop.experiments.ExperimentsViewModel;
import org.taew.desktop.session.WorkbenchContext;
import org.taew.desktop.util.FxDialogService;
import org.taew.desktop.util.FxStallMonitor;

/**
 * {@link ExperimentBenchmark}'s experiment started from the desktop's Experiments tab: the time
 * from Run to the leaderboard on screen, and the longest time the FX thread could not run
 * meanwhile.
 */
final class ExperimentGuiBenchmark {
    private ExperimentGuiBenchmark() {}

    /**
     * The same experiment from the desktop's Experiments tab (run it under Xvfb): the time from Run
     * to the leaderboard on screen, and the longest FX-thread stall meanwhile.
     */
    static void run(BenchTexts texts) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== Desktop: an experiment of %d variants while the window stays responsive ==%n",
                ExperimentBenchmark.VARIANTS);
        BenchWorkspace bench = ExperimentBenchmark.workspace(texts);
        WorkbenchContext ctx = new WorkbenchContext(bench.workspace(), bench.home());
        Path file = ctx.workspace().root().resolve("variants.yaml");
        ExperimentWriter.write(
                file, ExperimentBenchmark.spec("gui", ExperimentBenchmark.variants("yellow")));
        FxPlatform.start();
        AtomicReference<Workbench> wb = new AtomicReference<>();
        CountDownLatch first = new CountDownLatch(1);
        long t0 = System.nanoTime();
        Platform.runLater(
                () -> {
                    Workbench w =
                            Workbench.show(
                                    new Stage(),
                                    ctx,
                                    FxDialogService::new,
                                    ExperimentBenchmark.DATASET,
                                    "e5-small-v2");
                    wb.set(w);
                    w.session()
                            .snapshotProperty()
                            .addListener(
                                    (o, a, b) -> {
                                        if (b != null) {
                                            first.countDown();
                                        }
                                    });
                });
        if (!first.await(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the first evaluation did not finish");
        }
        System.out.printf(
                Locale.ROOT,
                "First evaluation (everything encoded): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        Thread.sleep(3000); // the token preview after the first evaluation
        FxStallMonitor stalls = new FxStallMonitor(5);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong start = new AtomicLong();
        AtomicLong end = new AtomicLong();
        Platform.runLater(
                () -> {
                    wb.get().view().tabs().getSelectionModel().select(4);
                    ExperimentsViewModel vm = wb.get().view().experiments();
                    while (!vm.variants().isEmpty()) {
                        vm.remove(0);
                    }
                    vm.importFile(file);
                    vm.resultProperty()
                            .addListener(
                                    (o, a, b) -> {
                                        if (b != null) {
                                            end.set(System.nanoTime());
                                            done.countDown();
                                        }
                                    });
                    stalls.reset();
                    start.set(System.nanoTime());
                    vm.run();
                });
        if (!done.await(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the experiment did not finish");
        }
        double stall = stalls.maxStallMillis();
        System.out.printf(
                Locale.ROOT,
                "Run → leaderboard on screen: %.2f s; longest FX-thread stall meanwhile: %.0f ms"
                        + " (%d probes; target <= 100 ms: %s)%n",
                (end.get() - start.get()) / 1e9,
                stall,
                stalls.samples(),
                stall <= 100 ? "met" : "NOT met");
        if (Boolean.getBoolean("taew.bench.sample")) {
            System.out.println("FX thread during the longest stall:\n" + stalls.worstStack());
        }
        stalls.close();
        Platform.runLater(() -> wb.get().stage().close());
    }
}
