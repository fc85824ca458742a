package org.taew.core.logic.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.taew.core.util.WorkbenchException;

/**
 * The datasets of a folder (normally {@code datasets/}) and any dataset given by path: a folder in
 * BEIR layout (retrieval), or a tab-separated sentence-pair file in STS-Benchmark layout
 * (similarity).
 */
public final class DatasetCatalog {
    /** What kind of evaluation a dataset serves. */
    public enum Kind {
        RETRIEVAL,
        STS
    }

    /**
     * A dataset found but not loaded yet; {@code summary} is the first paragraph of its README
     * card.
     */
    public record Entry(String name, Path path, Kind kind, String summary) {}

    private final Path dir;

    public DatasetCatalog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The BEIR folders directly under the datasets folder, by name. */
    public List<Entry> list() throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(BeirReader::isBeirFolder)
                    .sorted()
                    .map(p -> new Entry(p.getFileName().toString(), p, Kind.RETRIEVAL, summary(p)))
                    .toList();
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot list " + dir, e);
        }
    }

    /** Finds a dataset by name (under the datasets folder) or by path. */
    public Entry resolve(String nameOrPath) throws WorkbenchException {
        Path named = dir.resolve(nameOrPath);
        if (!nameOrPath.contains("/") && BeirReader.isBeirFolder(named)) {
            return new Entry(nameOrPath, named, Kind.RETRIEVAL, summary(named));
        }
        Path p = Path.of(nameOrPath);
        if (Files.isDirectory(p)) {
            BeirReader.requireFolder(p);
            return new Entry(p.getFileName().toString(), p, Kind.RETRIEVAL, summary(p));
        }
        if (Files.isRegularFile(p)) {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv") || n.endsWith(".tsv")) {
                return new Entry(
                        p.getFileName().toString().replaceFirst("\\.(csv|tsv)$", ""),
                        p,
                        Kind.STS,
                        "");
            }
            throw WorkbenchException.badInput(
                    p
                            + ": expected a BEIR dataset folder or a tab-separated STS pair file (.csv/.tsv)");
        }
        StringBuilder names = new StringBuilder();
        for (Entry e : list()) {
            names.append(names.length() == 0 ? "" : ", ").append(e.name());
        }
        throw WorkbenchException.badInput(
                "Unknown dataset \""
                        + nameOrPath
                        + "\": not a dataset under "
                        + dir
                        + " ("
                        + (names.length() == 0 ? "none there" : names)
                        + ") and not an existing path");
    }

    static String summary(Path folder) {
        Path readme = folder.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            return "";
        }
        try {
            StringBuilder sb = new StringBuilder();
            for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.startsWith("#")) {
                    continue;
                }
                if (t.isEmpty()) {
                    if (sb.length() > 0) {
                        break;
                    }
                    continue;
                }
                sb.append(sb.length() == 0 ? "" : " ").append(t);
            }
            return sb.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
