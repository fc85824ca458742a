package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.PairImporter;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code taew datasets import FILE --out DIR}: (query, relevant document) pairs to a BEIR folder.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Turn a CSV, TSV or JSON Lines file of (query, relevant document) pairs into a dataset",
            "folder in BEIR layout, with generated ids (the same text gets the same id). Columns are",
            "found by name (query/question…, document/passage/answer…, grade/score…) or named here."
        })
final class DatasetsImportCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            description = "The pairs: .csv, .tsv or .jsonl, with a header row for CSV/TSV.")
    Path file;

    @Option(
            names = {"-o", "--out"},
            required = true,
            paramLabel = "DIR",
            description = "The new dataset folder (must not exist).")
    Path out;

    @Option(names = "--query-column", paramLabel = "NAME", description = "Column with the queries.")
    String queryColumn;

    @Option(
            names = "--document-column",
            paramLabel = "NAME",
            description = "Column with the relevant documents.")
    String documentColumn;

    @Option(
            names = "--grade-column",
            paramLabel = "NAME",
            description = "Column with graded relevance (whole numbers; default: every pair is 1).")
    String gradeColumn;

    @Option(
            names = "--split",
            paramLabel = "NAME",
            description = "Name of the qrels split (default: test).")
    String split = "test";

    @Override
    public Integer call() throws WorkbenchException {
        PairImporter.Result r =
                PairImporter.importPairs(
                        file, out, queryColumn, documentColumn, gradeColumn, split);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(
                "Imported %d pairs from %s (queries: column \"%s\", documents: column \"%s\", grades: %s)%n",
                r.rows(),
                file,
                r.queryColumn(),
                r.documentColumn(),
                r.gradeColumn() == null
                        ? "1 for every pair"
                        : "column \"" + r.gradeColumn() + "\"");
        w.printf(
                "Wrote %s: %d queries, %d documents, %d judgments in qrels/%s.tsv%s%n",
                r.dir(),
                r.queries(),
                r.documents(),
                r.judgments(),
                split,
                r.repeatedPairs() == 0
                        ? ""
                        : " ("
                                + r.repeatedPairs()
                                + " repeated pairs kept once, with the highest grade)");
        w.println("Check it with: taew datasets check " + r.dir());
        w.flush();
        return ExitCodes.OK;
    }
}
