package org.taew.core.logic.datasets;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.taew.core.model.TextItem;
import org.taew.core.util.Folders;
import org.taew.core.util.WorkbenchException;

/**
 * Writes a dataset folder in BEIR layout for the importers: the whole folder is written under a
 * hidden temporary name beside it and renamed into place, so a failed import leaves nothing that
 * looks like a dataset; an existing folder is never overwritten.
 */
final class BeirWriter {
    /** A corpus document with its title apart, as corpus.jsonl keeps it. */
    record Document(String id, String title, String text) {}

    private BeirWriter() {}

    static void requireAbsent(Path out) throws WorkbenchException {
        if (Files.exists(out)) {
            throw WorkbenchException.badInput(
                    out + " already exists; choose another -o/--output folder");
        }
    }

    /**
     * @param qrels grade per (query id, document id), in the order to write
     * @param settings the dataset.yaml to write, or null for none
     */
    static void write(
            Path out,
            List<Document> documents,
            List<TextItem> queries,
            Map<String, Map<String, Integer>> qrels,
            String split,
            String readme,
            String settings)
            throws WorkbenchException {
        requireAbsent(out);
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".");
            Files.createDirectories(tmp.resolve("qrels"));
            try (Writer w =
                    Files.newBufferedWriter(tmp.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
                for (Document d : documents) {
                    JsonObject o = new JsonObject();
                    o.addProperty("_id", d.id());
                    o.addProperty("title", d.title());
                    o.addProperty("text", d.text());
                    w.write(o + "\n");
                }
            }
            try (Writer w =
                    Files.newBufferedWriter(tmp.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
                for (TextItem q : queries) {
                    JsonObject o = new JsonObject();
                    o.addProperty("_id", q.id());
                    o.addProperty("text", q.text());
                    w.write(o + "\n");
                }
            }
            try (Writer w =
                    Files.newBufferedWriter(
                            tmp.resolve("qrels").resolve(split + ".tsv"), StandardCharsets.UTF_8)) {
                w.write("query-id\tcorpus-id\tscore\n");
                for (Map.Entry<String, Map<String, Integer>> q : qrels.entrySet()) {
                    for (Map.Entry<String, Integer> d : q.getValue().entrySet()) {
                        w.write(q.getKey() + "\t" + d.getKey() + "\t" + d.getValue() + "\n");
                    }
                }
            }
            Files.writeString(tmp.resolve("README.md"), readme, StandardCharsets.UTF_8);
            if (settings != null) {
                Files.writeString(
                        tmp.resolve(DatasetSettings.FILE_NAME), settings, StandardCharsets.UTF_8);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot write the dataset " + out + ": " + e.getMessage(),
                    e);
        } finally {
            if (tmp != null) {
                Folders.deleteTreeQuietly(tmp);
            }
        }
    }
}
