package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.taew.core.logic.instructions.InstructionFileReader;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.TaskInstructions;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code taew instructions}: every instruction file, checked. */
@Command(
        name = "instructions",
        mixinStandardHelpOptions = true,
        subcommands = {InstructionsExportCommand.class},
        description =
                "List and check the instruction files: tasks and their query / document templates;"
                        + " `instructions export` takes chosen templates into production.")
final class InstructionsCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = common.workspace().instructions();
        int broken = 0;
        for (Path f : InstructionLibrary.files(dir)) {
            try {
                InstructionSet set = InstructionFileReader.read(f);
                w.printf(
                        "%s  family %s, models %s%n",
                        f, set.family(), String.join(", ", set.models()));
                for (TaskInstructions t : set.tasks().values()) {
                    w.printf(
                            "  %-16s query %s%n",
                            t.name(), Reports.quote(t.instructions().query().source()));
                    w.printf(
                            "  %-16s document %s%s%n",
                            "",
                            Reports.quote(t.instructions().document().source()),
                            t.instructions().excludeInstructionFromPooling()
                                    ? " (instruction tokens not pooled)"
                                    : "");
                }
            } catch (WorkbenchException e) {
                broken++;
                err.println("error: " + e.getMessage());
            }
        }
        w.flush();
        err.flush();
        return broken == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
