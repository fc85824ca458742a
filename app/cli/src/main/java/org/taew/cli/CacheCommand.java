package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.taew.core.logic.encoding.VectorExchange;
import org.taew.core.logic.session.EvaluationSession;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Mode;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taew cache}: the embedding cache. */
@Command(
        name = "cache",
        mixinStandardHelpOptions = true,
        description =
                "The embedding cache (<home>/embeddings): vectors computed elsewhere go in here.",
        subcommands = CacheCommand.Import.class)
final class CacheCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** {@code taew cache import DIR}: vectors written by {@code taew-spark encode}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Add the vectors of a finished taew-spark encode output folder (parquet parts and _SUCCESS) to"
                        + " the embedding cache of the model they were computed with, so that eval, encode,"
                        + " experiments and the desktop encode none of those texts again.",
                "Give the same --model (and --precision, --engine, --dim) as the Spark job: vectors of another"
                        + " model identity are refused."
            })
    static final class Import implements Callable<Integer> {
        @Mixin CommonOptions common;

        @Mixin ModelOption modelOption;

        @Mixin ComputeOptions compute;

        @Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The output folder of taew-spark encode.")
        Path dir;

        @Override
        public Integer call() throws WorkbenchException {
            SessionRequest.Builder b = SessionRequest.builder().optModes(EnumSet.of(Mode.GENERAL));
            modelOption.apply(b);
            compute.apply(b);
            SessionSetup setup = common.resolver().resolveWithoutDataset(b.build());
            PrintWriter w = spec.commandLine().getOut();
            try (EvaluationSession session = EvaluationSession.open(setup, false)) {
                VectorExchange.ImportReport r =
                        VectorExchange.importInto(dir, session.embedder(), common.progress());
                w.printf(
                        "Imported %,d vectors of %s from %d files of %s (%,d rows; %,d were cached"
                                + " already or repeated) into %s%n",
                        r.added(),
                        setup.model().name(),
                        r.files(),
                        dir,
                        r.rows(),
                        r.alreadyCached(),
                        session.embedder().cache().file());
            }
            w.flush();
            return ExitCodes.OK;
        }
    }
}
