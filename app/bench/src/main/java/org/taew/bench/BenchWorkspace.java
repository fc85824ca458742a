package org.taew.bench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/**
 * A scratch workspace for a benchmark: one dataset written in the BEIR layout, the shipped
 * instruction files, and a per-user folder whose models are the extracted ones.
 *
 * @param workspace the workspace, with the dataset under {@code datasets/}
 * @param home the per-user folder, whose {@code models} links to the shared models folder
 */
record BenchWorkspace(Workspace workspace, Path home) {
    /** A new workspace under a temporary folder named after {@code prefix}. */
    static BenchWorkspace create(String prefix, RetrievalDataset dataset, String datasetName)
            throws IOException, WorkbenchException {
        Path root = Files.createTempDirectory(prefix);
        Path ws = root.resolve("workspace");
        writeBeir(dataset, ws.resolve("datasets").resolve(datasetName));
        copy(Workspace.locate().instructions(), ws.resolve("instructions"));
        Path home = root.resolve("home");
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve("models"), WorkbenchHome.models().toAbsolutePath());
        return new BenchWorkspace(Workspace.at(ws), home);
    }

    static void writeBeir(RetrievalDataset d, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("qrels"));
        writeJsonl(dir.resolve("corpus.jsonl"), d.documents());
        writeJsonl(dir.resolve("queries.jsonl"), d.queries());
        StringBuilder q = new StringBuilder("query-id\tcorpus-id\tscore\n");
        for (Map.Entry<String, Map<String, Integer>> e : d.qrels().asMap().entrySet()) {
            for (Map.Entry<String, Integer> j : e.getValue().entrySet()) {
                q.append(e.getKey())
                        .append('\t')
                        .append(j.getKey())
                        .append('\t')
                        .append(j.getValue())
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve("qrels/test.tsv"), q.toString());
    }

    private static void writeJsonl(Path file, List<TextItem> items) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TextItem t : items) {
                JsonObject o = new JsonObject();
                o.addProperty("_id", t.id());
                o.addProperty("text", t.text());
                w.write(o.toString());
                w.write('\n');
            }
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(from)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path p : files) {
            Files.copy(p, to.resolve(p.getFileName().toString()));
        }
    }
}
