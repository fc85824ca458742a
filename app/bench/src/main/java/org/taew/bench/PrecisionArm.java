package org.taew.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.bench.PrecisionTable.Totals;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.PreparedText;
import org.taew.core.model.StsPair;
import org.taew.core.model.TextItem;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * One precision's session in {@link PrecisionBenchmark}, moved from dataset to dataset with the
 * same encoder, warmed up once, with its encoding totals.
 */
final class PrecisionArm implements AutoCloseable {
    final String model;
    final String label;
    final Precision precision;
    final Totals totals = new Totals();
    EvaluationSession session;
    Path dataset;

    PrecisionArm(String model, Precision precision) {
        this.model = model;
        this.label = label(model);
        this.precision = precision;
    }

    /** A model as tables name it: its name, or a folder's name. */
    static String label(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        return p.getNameCount() > 1 ? p.getFileName().toString() : nameOrPath;
    }

    EvaluationSession on(SessionSetup setup) throws WorkbenchException {
        if (session == null) {
            long t = System.nanoTime();
            session = EvaluationSession.open(setup, false);
            warmUp(session);
            totals.engine = session.encoder().engine();
            System.out.printf(
                    Locale.ROOT,
                    "  %s %s: %s, %s; loaded and warmed up in %.1f s%n",
                    label,
                    precision.label(),
                    setup.model().dir().relativize(setup.model().weights()),
                    totals.engine,
                    (System.nanoTime() - t) / 1e9);
        } else if (!setup.dataset().path().equals(dataset)) {
            session = session.retarget(setup, false);
        }
        dataset = setup.dataset().path();
        return session;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }

    /** Warms the encoder up on up to 64 of the setup's texts (not timed). */
    private static void warmUp(EvaluationSession s) throws WorkbenchException {
        List<PreparedText> texts = new ArrayList<>();
        SessionSetup setup = s.setup();
        if (setup.isSts()) {
            for (StsPair p : setup.sts().pairs()) {
                texts.add(PreparedText.plain(p.first()));
            }
        } else {
            for (TextItem t : setup.retrieval().documents()) {
                texts.add(PreparedText.plain(t.text()));
            }
        }
        s.encoder().encode(texts.subList(0, Math.min(64, texts.size())), ProgressListener.NONE);
    }
}
