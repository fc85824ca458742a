package org.taew.cli;

import java.nio.file.Path;
import org.taew.core.logic.session.SessionRequest;
import picocli.CommandLine.Option;

/**
 * Which instructions: the task and an instruction file, for the commands that evaluate or export
 * them.
 */
final class InstructionOptions {
    @Option(
            names = {"-t", "--task"},
            paramLabel = "TASK",
            description =
                    "Task in the model's instruction file (default: the dataset's task in its"
                            + " dataset.yaml, else retrieval; similarity for STS).")
    String task;

    @Option(
            names = "--instructions",
            paramLabel = "FILE",
            description =
                    "Instruction file to use instead of the one in instructions/ for this model.")
    Path instructions;

    SessionRequest.Builder apply(SessionRequest.Builder b) {
        return b.optTask(task).optInstructions(instructions);
    }
}
