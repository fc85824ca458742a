package org.taew.cli;

import org.taew.core.logic.compare.ModeComparison;
import picocli.CommandLine.Option;

/** How general and task-aware are compared: the options of eval and datasets results. */
final class SignificanceOptions {
    @Option(
            names = "--permutations",
            paramLabel = "N",
            defaultValue = "10000",
            description =
                    "Randomization-test permutations and bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description =
                    "Seed of the randomization test and bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    /** 95% intervals, as many bootstrap resamples as permutations. */
    ModeComparison.Settings settings() {
        return new ModeComparison.Settings(permutations, permutations, seed, 0.95);
    }
}
