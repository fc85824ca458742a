package org.taew.cli;

import org.taew.core.logic.session.SessionDefaults;
import org.taew.core.logic.session.SessionRequest;
import picocli.CommandLine.Option;

/** One dataset and its split, for the commands that read one. */
final class DatasetOptions {
    @Option(
            names = {"-d", "--dataset"},
            paramLabel = "DATASET",
            description =
                    "Dataset name under datasets/, a BEIR folder, or an STS pair file (default: "
                            + SessionDefaults.DATASET
                            + ").")
    String dataset;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "qrels split (default: test, or the only one).")
    String split;

    SessionRequest.Builder apply(SessionRequest.Builder b) {
        return b.optDataset(dataset).optSplit(split);
    }
}
