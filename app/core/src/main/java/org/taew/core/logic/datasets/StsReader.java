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
                double gold;
                try {
                    gold = Double.parseDouble(cols[layout.scoreColumn()].strip());
                } catch (NumberFormatException e) {
                    throw lines.error(
                            "score \""
                                    + cols[layout.scoreColumn()]
                                    + "\" in column "
                                    + (layout.scoreColumn() + 1)
                                    + " is not a number");
                }
                String a = cols[layout.firstColumn()].strip();
                String b = cols[layout.secondColumn()].strip();
                if (a.isEmpty() || b.isEmpty()) {
                    throw lines.error("a sentence of the pair is empty");
                }
                pairs.add(new StsPair(lines.lineNumber(), a, b, gold));
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        if (pairs.size() < 2) {
            throw WorkbenchException.badInput(
                    file + ": needs at least 2 sentence pairs, found " + pairs.size());
        }
        String name = file.getFileName().toString().replaceFirst("\\.(csv|tsv|txt)$", "");
        return new StsDataset(name, file, pairs);
    }
}
