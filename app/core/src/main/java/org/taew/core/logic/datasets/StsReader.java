package org.taew.core.logic.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.taew.core.model.StsDataset;
import org.taew.core.model.StsPair;
import org.taew.core.util.WorkbenchException;

/**
 * Reads sentence pairs with gold scores from a tab-separated file. The STS-Benchmark layout is the
 * default: columns 5, 6 and 7 (1-based) are the score and the two sentences, and some rows carry
 * extra source columns after them. The file has no quoting: a tab always separates columns.
 */
public final class StsReader {
    private static final Pattern TAB = Pattern.compile("\t");

    /**
     * Where the fields are, as 0-based column indexes.
     *
     * @param header whether the first line names the columns and is skipped
     */
    public record Layout(int scoreColumn, int firstColumn, int secondColumn, boolean header) {
        /** STS-Benchmark's {@code sts-*.csv}. */
        public static final Layout STS_BENCHMARK = new Layout(4, 5, 6, false);
    }

    private StsReader() {}

    public static StsDataset readStsBenchmark(Path file) throws WorkbenchException {
        return read(file, Layout.STS_BENCHMARK);
    }

    static final List<String> FIRST =
            List.of("sentence1", "sentence_1", "text1", "text_1", "s1", "sentence_a", "text_a");
    static final List<String> SECOND =
            List.of("sentence2", "sentence_2", "text2", "text_2", "s2", "sentence_b", "text_b");
    static final List<String> SCORE =
            List.of("score", "similarity", "gold", "label", "relatedness_score");

    /**
     * A pair file with a header row naming its columns (CSV or TSV, told by the header line), or,
     * without one, STS-Benchmark's column layout. {@code columns} ("first,second,score") names the
     * columns; null finds them by their usual names (sentence1, sentence2, score…).
     */
    public static StsDataset readAuto(Path file, String columns) throws WorkbenchException {
        String first;
        try (StrictLines lines = new StrictLines(file)) {
            first = lines.next();
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        char sep = first != null && first.indexOf('\t') >= 0 ? '\t' : ',';
        boolean header = false;
        if (first != null) {
            for (String f : first.split(sep == '\t' ? "\t" : ",")) {
                String n = f.strip().replace("\"", "");
                if (FIRST.stream().anyMatch(n::equalsIgnoreCase)
                        || SCORE.stream().anyMatch(n::equalsIgnoreCase)) {
                    header = true;
                }
            }
        }
        if (columns == null && !header) {
            return readStsBenchmark(file);
        }
        TableReader.Table t = TableReader.readDelimited(file, sep);
        String a;
        String b;
        String s;
        if (columns != null) {
            String[] c = columns.split(",", -1);
            if (c.length != 3) {
                throw WorkbenchException.badInput(
                        "--sts-columns takes three column names: first sentence, second sentence, score; got \""
                                + columns
                                + "\"");
            }
            a = t.require(c[0].strip(), "--sts-columns");
            b = t.require(c[1].strip(), "--sts-columns");
            s = t.require(c[2].strip(), "--sts-columns");
        } else {
            a = t.find(FIRST);
            b = t.find(SECOND);
            s = t.find(SCORE);
            if (a == null || b == null || s == null) {
                throw WorkbenchException.badInput(
                        file
                                + ": the header "
                                + t.columns()
                                + " does not name both sentences and the score"
                                + " (e.g. sentence1, sentence2, score); name them with --sts-columns"
                                + " first,second,score");
            }
        }
        List<StsPair> pairs = new ArrayList<>();
        for (TableReader.Row r : t.rows()) {
            pairs.add(
                    pair(
                            file + ":" + r.line(),
                            r.line(),
                            r.get(a),
                            r.get(b),
                            r.get(s),
                            "(column " + s + ")"));
        }
        return dataset(file, pairs);
    }

    public static StsDataset read(Path file, Layout layout) throws WorkbenchException {
        int needed =
                Math.max(
                                layout.scoreColumn(),
                                Math.max(layout.firstColumn(), layout.secondColumn()))
                        + 1;
        List<StsPair> pairs = new ArrayList<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = lines.next()) != null) {
                if (layout.header() && lines.lineNumber() == 1) {
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = TAB.split(line, -1);
                if (cols.length < needed) {
                    throw lines.error(
                            "expected at least "
                                    + needed
                                    + " tab-separated columns (score in column "
                                    + (layout.scoreColumn() + 1)
                                    + ", sentences in columns "
                                    + (layout.firstColumn() + 1)
                                    + " and "
                                    + (layout.secondColumn() + 1)
                                    + "), found "
                                    + cols.length);
                }
                pairs.add(
                        pair(
                                file + ":" + lines.lineNumber(),
                                lines.lineNumber(),
                                cols[layout.firstColumn()],
                                cols[layout.secondColumn()],
                                cols[layout.scoreColumn()],
                                "in column " + (layout.scoreColumn() + 1)));
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        return dataset(file, pairs);
    }

    /**
     * One pair, checked the same way in both layouts: {@code at} is {@code file:line}, {@code
     * scoreColumn} says where the score is.
     */
    private static StsPair pair(
            String at, int line, String first, String second, String score, String scoreColumn)
            throws WorkbenchException {
        double gold;
        try {
            gold = Double.parseDouble(score.strip());
        } catch (NumberFormatException e) {
            throw WorkbenchException.badInput(
                    at + ": score \"" + score + "\" " + scoreColumn + " is not a number");
        }
        String x = first.strip();
        String y = second.strip();
        if (x.isEmpty() || y.isEmpty()) {
            throw WorkbenchException.badInput(at + ": a sentence of the pair is empty");
        }
        return new StsPair(line, x, y, gold);
    }

    private static StsDataset dataset(Path file, List<StsPair> pairs) throws WorkbenchException {
        if (pairs.size() < 2) {
            throw WorkbenchException.badInput(
                    file + ": needs at least 2 sentence pairs, found " + pairs.size());
        }
        String name = file.getFileName().toString().replaceFirst("\\.(csv|tsv|txt)$", "");
        return new StsDataset(name, file, pairs);
    }
}
