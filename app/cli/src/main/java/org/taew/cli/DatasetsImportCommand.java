package org.taew.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.taew.core.logic.datasets.CollectionImporter;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.datasets.PairImporter;
import org.taew.core.util.WorkbenchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code taew datasets import [PAIRS] -o DIR [--corpus FILE [--queries FILE] [--qrels FILE]]}: a
 * test collection or (query, relevant document) pairs to a BEIR folder.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Turn a test collection into a dataset folder in BEIR layout: the whole corpus (--corpus),"
                    + " its queries (--queries) and judgments (--qrels in TREC format, or a pairs file"
                    + " whose documents are corpus texts or ids).",
            "A pairs file alone (CSV, TSV or JSON Lines of query and relevant document) gives a"
                    + " corpus of the judged documents only: scores on it are optimistic, and the"
                    + " folder and its card say so. Ids are generated where the input has none (the"
                    + " same text gets the same id). Columns are found by name (query/question…,"
                    + " document/passage/answer…, grade/score…, _id/id…, text/contents…, title) or"
                    + " named here. Corpus and queries files: .jsonl, .csv/.tsv with a header, or"
                    + " .txt with an id, a tab or space, and the text on each line."
        })
final class DatasetsImportCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin CommonOptions common;

    @Parameters(
            paramLabel = "PAIRS",
            arity = "0..1",
            description =
                    "(query, relevant document) pairs: .csv, .tsv (with a header row) or .jsonl.")
    Path file;

    @Option(
            names = {"-o", "--output", "--out"},
            required = true,
            paramLabel = "DIR",
            description =
                    "The new dataset folder (must not exist); a plain name puts it under the"
                            + " workspace's datasets/.")
    Path out;

    @Option(
            names = "--corpus",
            paramLabel = "FILE",
            description = "The whole collection's documents, judged or not.")
    Path corpus;

    @Option(
            names = "--queries",
            paramLabel = "FILE",
            description = "The queries with their ids (default: generated from the pairs).")
    Path queries;

    @Option(
            names = "--qrels",
            paramLabel = "FILE",
            description =
                    "Judgments by id: TREC's 'query-id 0 doc-id grade' (or three columns), instead"
                            + " of pairs.")
    Path qrels;

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
            names = "--id-column",
            paramLabel = "NAME",
            description = "Column with the ids in the corpus and queries files.")
    String idColumn;

    @Option(
            names = "--text-column",
            paramLabel = "NAME",
            description = "Column with the texts in the corpus and queries files.")
    String textColumn;

    @Option(
            names = "--title-column",
            paramLabel = "NAME",
            description = "Column with the document titles in the corpus file.")
    String titleColumn;

    @Option(
            names = "--split",
            paramLabel = "NAME",
            description = "Name of the qrels split (default: test).")
    String split = "test";

    @Override
    public Integer call() throws WorkbenchException {
        Path dir = out.getParent() == null ? common.datasets().dir().resolve(out) : out;
        PrintWriter w = spec.commandLine().getOut();
        if (corpus == null) {
            if (file == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Give a pairs file, or the collection with --corpus (and --queries, --qrels)");
            }
            if (queries != null || qrels != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--queries and --qrels need the collection's documents: give --corpus FILE");
            }
            PairImporter.Result r =
                    PairImporter.importPairs(
                            file, dir, queryColumn, documentColumn, gradeColumn, split);
            w.printf(
                    "Imported %d pairs from %s (queries: column \"%s\", documents: column \"%s\","
                            + " grades: %s)%n",
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
                    repeated(r.repeatedPairs()));
            w.println();
            w.println("WARNING: " + DatasetSettings.judgedOnlyWarning(r.dir()) + ".");
            w.println(
                    "         (The folder's dataset.yaml and README.md say so too; `datasets check`"
                            + " repeats it.)");
            w.println();
        } else {
            CollectionImporter.Result r =
                    CollectionImporter.importCollection(
                            new CollectionImporter.Request(
                                    corpus,
                                    queries,
                                    qrels,
                                    file,
                                    dir,
                                    split,
                                    idColumn,
                                    textColumn,
                                    titleColumn,
                                    queryColumn,
                                    documentColumn,
                                    gradeColumn));
            w.printf(
                    "Wrote %s: %d documents (%d judged by no query), %d queries (%d without"
                            + " judgments), %d judgments in qrels/%s.tsv%s%n",
                    r.dir(),
                    r.documents(),
                    r.documentsNeverJudged(),
                    r.queries(),
                    r.queriesWithoutJudgments(),
                    r.judgments(),
                    split,
                    repeated(r.repeatedPairs()));
        }
        w.println("Check it with: taew datasets check " + dir);
        w.flush();
        return ExitCodes.OK;
    }

    private static String repeated(int n) {
        return n == 0 ? "" : " (" + n + " repeated pairs kept once, with the highest grade)";
    }
}
