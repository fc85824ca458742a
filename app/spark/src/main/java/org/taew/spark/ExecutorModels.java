package org.taew.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.taew.core.logic.encoding.Dimensions;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;

/**
 * One encoder per executor JVM and model: loading a model takes seconds and hundreds of MB, so
 * every task of the JVM shares it. Its workers (core's single-threaded batch workers) are the
 * executor's cores, so one request keeps them all busy; tasks of one JVM take turns on it.
 */
final class ExecutorModels {
    private static final Map<String, Encoder> OPEN = new HashMap<>();

    private ExecutorModels() {}

    /** What an executor needs to open the driver's model, and what it must find. */
    record Wanted(
            String model,
            String home,
            String precision,
            int dimension,
            int workers,
            String identity)
            implements Serializable {
        /** The same model, and the identity the driver found. */
        Wanted expecting(String id) {
            return new Wanted(model, home, precision, dimension, workers, id);
        }
    }

    /**
     * The encoder of {@code w.model}, opened at the first call in this JVM. Refused (with the
     * executor's host) when the model is not there or is not the one the driver opened.
     */
    static synchronized Encoder encoder(Wanted w) {
        Encoder e;
        try {
            e = opened(w);
        } catch (WorkbenchException ex) {
            throw new JobFailure(
                    "On executor " + host() + ": " + ex.getMessage(), JobFailure.Kind.MODEL);
        }
        String identity = VectorExchange.cacheIdentity(e);
        if (w.identity() != null && !w.identity().equals(identity)) {
            throw new JobFailure(
                    "On executor "
                            + host()
                            + ": the model "
                            + w.model()
                            + " is not the one the driver opened (identity "
                            + identity.substring(0, 16)
                            + "… here, "
                            + w.identity().substring(0, 16)
                            + "… there); ship the same model folder to every executor",
                    JobFailure.Kind.MODEL);
        }
        return e;
    }

    /**
     * The encoder of {@code w}, opened at the first call in this JVM; on the driver (to learn the
     * identity executors must find) its failure is the driver's, said as such, and the encoder is
     * kept for local mode, where the driver is the executor.
     */
    static synchronized Encoder opened(Wanted w) throws WorkbenchException {
        String key = key(w);
        Encoder e = OPEN.get(key);
        if (e == null) {
            e = open(w);
            OPEN.put(key, e);
        }
        return e;
    }

    private static String key(Wanted w) {
        return w.model()
                + "|"
                + w.home()
                + "|"
                + w.precision()
                + "|"
                + w.dimension()
                + "|"
                + w.workers();
    }

    static Encoder open(Wanted w) throws WorkbenchException {
        Path home = w.home() == null ? WorkbenchHome.resolve() : Path.of(w.home());
        ModelCatalog catalog = new ModelCatalog(WorkbenchHome.models(home));
        ModelSpec spec = catalog.resolve(w.model(), Precision.parse(w.precision()));
        EncoderOptions d = EncoderOptions.DEFAULT;
        EncoderOptions options =
                new EncoderOptions(
                        d.batchTokenBudget(), d.maxBatchSize(), d.intraOpThreads(), w.workers());
        return Dimensions.truncate(Engines.openEncoder(spec, options), w.dimension());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "(unknown host)";
        }
    }
}
