package org.taew.cli;

import java.io.PrintWriter;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.core.logic.experiments.ExperimentSearch;
import org.taew.core.logic.experiments.ExperimentSpec;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine.Command;

/**
 * {@code taew experiment search FILE…}: wordings proposed and searched within a budget, the chosen
 * one judged on queries the search never saw; the same files as {@code experiment run}, and the
 * search's trace.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Propose wordings in each model family's documented format (a grammar of what the query"
                    + " and the document are and how they relate, the dataset's own terms, the file's"
                    + " variants) and search them by successive halving within the file's search"
                    + " budget (docs/formats.md, \"Instruction search\"): query-side wordings first,"
                    + " document-side ones within corpus-encodes passes over the corpus. The wording"
                    + " chosen is scored on queries the search never saw (the test split after a search"
                    + " on the dev split, else nested K-fold) beside general mode and the card, with"
                    + " intervals, the paired test, Holm's adjustment and a recommendation.",
            "Writes what experiment run writes, and search-trace.csv (every wording scored, in"
                    + " which round and fold, on how many queries, its mean)."
        })
final class ExperimentSearchCommand extends ExperimentRunCommand {
    @Override
    ExperimentResult result(ExperimentSpec s) throws WorkbenchException {
        PrintWriter w = spec.commandLine().getOut();
        return ExperimentSearch.run(
                s,
                common.resolver(),
                request(),
                significance.settings(),
                plan -> {
                    w.println(plan.describe());
                    w.flush();
                },
                common.progress());
    }
}
