package org.taew.cli;

import org.taew.core.logic.session.SessionRequest;
import picocli.CommandLine.Option;

/** One model, for the commands that use one. */
final class ModelOption {
    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description =
                    "Bundled model name or model folder (default: the first bundled model, e5-small-v2).")
    String model;

    SessionRequest.Builder apply(SessionRequest.Builder b) {
        return b.optModel(model);
    }
}
