package org.taew.core.logic.hub;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.evaluation.Reproduction;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/**
 * The files a fetched BEIR collection gets besides its data: its {@code dataset.yaml}, the bundled
 * models' published figures as {@code expected.yaml}, and a provenance card.
 */
final class BeirDatasetFiles {
    /** The bundled models, as their published figures are keyed. */
    static final String E5 = "e5-small-v2";

    static final String BGE = "bge-small-en-v1.5";
    static final String MINILM = "all-MiniLM-L6-v2";

    private BeirDatasetFiles() {}

    /**
     * Writes the collection's {@code dataset.yaml} and, where its published figures apply, its
     * {@code expected.yaml} into {@code dir}.
     */
    static void writeSettings(
            String name,
            String task,
            boolean ignoreIdenticalIds,
            Map<String, Double> published,
            AnseriniBm25 bm25,
            Path dir)
            throws WorkbenchException {
        AtomicFiles.writeString(
                dir.resolve(DatasetSettings.FILE_NAME), settings(task, ignoreIdenticalIds));
        if (!published.isEmpty() && !name.equals("msmarco")) {
            AtomicFiles.writeString(
                    dir.resolve(Reproduction.DATASET_FILE), expected(name, published, bm25));
        }
    }

    /** The card's line on Anserini's BM25 figures, or "" where it publishes none. */
    static String bm25Line(AnseriniBm25 bm25) {
        return bm25 == null
                ? ""
                : "\nAnserini's published BM25 (flat index, k1 0.9, b 0.4, its English analysis): "
                        + bm25.figures()
                        + " — "
                        + bm25.source()
                        + ". The workbench's BM25 uses the same settings; `taew reproduce "
                        + bm25.collection()
                        + "` compares.\n";
    }

    /**
     * The bundled models' published nDCG@10 as {@code taew reproduce} reads it: e5 and bge with
     * their instructions (task-aware), MiniLM without (general). Not written for msmarco, whose
     * published figures are of its dev split while the workbench reads its test split.
     */
    private static String expected(String name, Map<String, Double> published, AnseriniBm25 bm25) {
        StringBuilder sb =
                new StringBuilder(
                        "# Published MTEB nDCG@10 of the bundled models on this collection (`taew"
                                + " reproduce "
                                + name
                                + "` compares).\n"
                                + "# e5-small-v2 and bge-small-en-v1.5: their model cards' model-index"
                                + " (MTEB, with their instructions);\n"
                                + "# all-MiniLM-L6-v2: MTEB's result files (embeddings-benchmark/results,"
                                + " mtebpaper). MTEB versions\n"
                                + "# differ by a few thousandths, hence the tolerance. See"
                                + " docs/benchmarks-by-name.md.\n"
                                + "metric: ndcg_cut.10\n"
                                + "tolerance: 0.005\n"
                                + "results:\n");
        for (Map.Entry<String, Double> e : published.entrySet()) {
            sb.append("  ")
                    .append(e.getKey())
                    .append(": {")
                    .append(e.getKey().equals(MINILM) ? "general" : "task_aware")
                    .append(": ")
                    .append(String.format(Locale.ROOT, "%.5f", e.getValue()))
                    .append("}\n");
        }
        if (bm25 != null) {
            sb.append("  # Anserini's BM25 flat regression: ")
                    .append(bm25.source())
                    .append('\n')
                    .append("  ")
                    .append(Reproduction.BM25)
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    ": {ndcg_cut.10: %.4f, recall.100: %.4f}%n",
                                    bm25.ndcg10(),
                                    bm25.recall100()));
        }
        return sb.toString();
    }

    private static String settings(String task, boolean ignoreIdenticalIds) {
        return "# How the workbench evaluates this dataset (taew eval, the desktop, taew datasets results).\n"
                + "task: "
                + task
                + "\n"
                + (ignoreIdenticalIds
                        ? "# queries are also documents: BEIR and MTEB leave each one out of its own ranking\n"
                                + "ignore-identical-ids: true\n"
                        : "");
    }

    /** The provenance card ({@code README.md}) of a fetched collection. */
    static String card(
            String name,
            String title,
            long documents,
            long testQueries,
            String url,
            String sha,
            long bytes,
            RetrievalDataset d,
            AnseriniBm25 bm25) {
        return "# "
                + name
                + "\n\n"
                + title
                + ", from the BEIR benchmark, fetched with `taew datasets fetch "
                + name
                + "`.\n\n"
                + "| | |\n|---|---|\n"
                + "| source | "
                + url
                + " |\n"
                + "| zip | "
                + bytes
                + " bytes, SHA-256 `"
                + sha
                + "` |\n"
                + "| fetched | "
                + Instant.now()
                + " |\n"
                + String.format(
                        Locale.ROOT,
                        "| read here | %,d documents, %,d queries with judgments in the %s split |%n",
                        d.documents().size(),
                        d.queries().size(),
                        d.split())
                + String.format(
                        Locale.ROOT,
                        "| BEIR paper | %,d documents, %,d test queries |%n",
                        documents,
                        testQueries)
                + bm25Line(bm25)
                + "\nLicence: as its authors publish it; the BEIR benchmark lists each collection's licence"
                + " (https://github.com/beir-cellar/beir). This card does not restate it: check it before"
                + " you share results or copies.\n";
    }
}
