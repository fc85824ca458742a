package org.taew.core.logic.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.DatasetSettings;
import org.taew.core.logic.evaluation.Reproduction;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Folders;
import org.taew.core.util.Hashing;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Fetches a BEIR collection by name from the zip files the BEIR benchmark publishes ({@code
 * <endpoint>/<name>.zip}), into the workspace's datasets folder as a dataset the workbench reads
 * (BEIR layout, a {@code dataset.yaml} and a provenance card). The zip is downloaded into {@code
 * datasets/.partial/} (resumed after an interruption), unpacked there, read once as a check, and
 * only then moved into place.
 */
public final class BeirFetcher {
    /** Where the BEIR benchmark publishes its zips. */
    public static final String DEFAULT_ENDPOINT =
            "https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets";

    /**
     * A collection BEIR publishes, with its sizes as the BEIR paper gives them.
     *
     * @param task the workbench task its queries and documents are (an instruction file's task)
     * @param ignoreIdenticalIds whether queries are also documents (BEIR and MTEB leave a query out
     *     of its own ranking there)
     * @param refusal why the workbench does not fetch it, or null
     */
    public record Known(
            String name,
            String title,
            long documents,
            long testQueries,
            String task,
            boolean ignoreIdenticalIds,
            String refusal,
            Map<String, Double> published) {
        public Known {
            published =
                    published == null
                            ? Map.of()
                            : Collections.unmodifiableMap(new LinkedHashMap<>(published));
        }

        Known(
                String name,
                String title,
                long documents,
                long testQueries,
                String task,
                boolean ignoreIdenticalIds,
                String refusal) {
            this(name, title, documents, testQueries, task, ignoreIdenticalIds, refusal, Map.of());
        }

        /** The same collection with the bundled models' published nDCG@10 (e5, bge, MiniLM). */
        Known published(double e5, double bge, double minilm) {
            Map<String, Double> p = new LinkedHashMap<>();
            p.put(E5, e5);
            p.put(BGE, bge);
            p.put(MINILM, minilm);
            return new Known(
                    name, title, documents, testQueries, task, ignoreIdenticalIds, refusal, p);
        }
    }

    private static final String E5 = "e5-small-v2";
    private static final String BGE = "bge-small-en-v1.5";
    private static final String MINILM = "all-MiniLM-L6-v2";

    /** The BEIR collections, sizes from the BEIR paper (Thakur et al., 2021, table 1). */
    public static final List<Known> KNOWN =
            List.of(
                    new Known(
                                    "scifact",
                                    "SciFact: scientific claims to abstracts",
                                    5_183,
                                    300,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.68854, 0.71275, 0.64508),
                    new Known(
                                    "nfcorpus",
                                    "NFCorpus: nutrition questions to medical articles",
                                    3_633,
                                    323,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.32449, 0.34305, 0.31594),
                    new Known(
                                    "arguana",
                                    "ArguAna: an argument to its counter-argument",
                                    8_674,
                                    1_406,
                                    "retrieval",
                                    true,
                                    null)
                            .published(0.41668, 0.5955, 0.50167),
                    new Known(
                                    "scidocs",
                                    "SCIDOCS: a paper's title to papers it cites",
                                    25_657,
                                    1_000,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.17765, 0.20522, 0.21641),
                    new Known(
                                    "fiqa",
                                    "FiQA-2018: financial questions to forum answers",
                                    57_638,
                                    648,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.37434, 0.40343, 0.36867),
                    new Known(
                                    "trec-covid",
                                    "TREC-COVID: COVID-19 questions to CORD-19 abstracts",
                                    171_332,
                                    50,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.74533, 0.75899, 0.47246),
                    new Known(
                                    "webis-touche2020",
                                    "Touché-2020: controversial questions to arguments",
                                    382_545,
                                    49,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.27125, 0.26037, 0.16904),
                    new Known(
                                    "quora",
                                    "Quora: a question to its duplicates",
                                    522_931,
                                    10_000,
                                    "similar-questions",
                                    true,
                                    null)
                            .published(0.85711, 0.8878, 0.87552),
                    new Known(
                                    "nq",
                                    "Natural Questions: Google queries to Wikipedia passages",
                                    2_681_468,
                                    3_452,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.59113, 0.50178, 0.43869),
                    new Known(
                                    "dbpedia-entity",
                                    "DBpedia-Entity: entity queries to DBpedia abstracts",
                                    4_635_922,
                                    400,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.41317, 0.40029, 0.3233),
                    new Known(
                                    "hotpotqa",
                                    "HotpotQA: multi-hop questions to Wikipedia passages",
                                    5_233_329,
                                    7_405,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.6661, 0.69935, 0.46513),
                    new Known(
                                    "fever",
                                    "FEVER: claims to Wikipedia passages",
                                    5_416_568,
                                    6_666,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.81644, 0.86643, 0.51934),
                    new Known(
                                    "climate-fever",
                                    "Climate-FEVER: climate claims to Wikipedia passages",
                                    5_416_593,
                                    1_535,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.22871, 0.31836, 0.20272),
                    new Known(
                                    "msmarco",
                                    "MS MARCO: Bing queries to web passages (dev split)",
                                    8_841_823,
                                    6_980,
                                    "retrieval",
                                    false,
                                    null)
                            .published(0.41461, 0.40833, 0.36542),
                    new Known(
                            "cqadupstack",
                            "CQADupStack: 12 StackExchange forums",
                            457_199,
                            13_145,
                            "similar-questions",
                            true,
                            "its zip holds 12 sub-collections (one per forum), which the workbench does not unpack"
                                    + " into separate datasets yet"));

    /** What a fetch produced. */
    public record Fetched(
            Path dir, Known known, RetrievalDataset check, long zipBytes, String zipSha256) {}

    private BeirFetcher() {}

    /** The known collection of that name, if any. */
    public static Optional<Known> known(String name) {
        return KNOWN.stream().filter(k -> k.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /**
     * Fetches {@code name} into {@code datasetsDir/<name>}; refuses a name BEIR does not publish,
     * or a folder of that name that is there already.
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public static Fetched fetch(
            HubClient http,
            String endpoint,
            Path datasetsDir,
            String name,
            ProgressListener progress)
            throws WorkbenchException {
        Known k =
                known(name)
                        .orElseThrow(
                                () ->
                                        WorkbenchException.badInput(
                                                "\""
                                                        + name
                                                        + "\" is not a BEIR collection; known: "
                                                        + String.join(
                                                                ", ",
                                                                KNOWN.stream()
                                                                        .map(Known::name)
                                                                        .toList())));
        if (k.refusal() != null) {
            throw WorkbenchException.badInput(k.name() + " is not fetched: " + k.refusal());
        }
        Path target = datasetsDir.resolve(k.name());
        if (Files.exists(target)) {
            throw WorkbenchException.badInput(
                    target
                            + " exists already; remove it (or rename it) to fetch "
                            + k.name()
                            + " again");
        }
        String base =
                endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        String url = base + "/" + k.name() + ".zip";
        Path partial = datasetsDir.resolve(".partial");
        Path zip = partial.resolve(k.name() + ".zip");
        try (FetchLock lock = FetchLock.take(partial.resolve(k.name()), k.name())) {
            return fetchLocked(http, url, base, k, target, partial, zip, progress);
        }
    }

    private static Fetched fetchLocked(
            HubClient http,
            String url,
            String base,
            Known k,
            Path target,
            Path partial,
            Path zip,
            ProgressListener progress)
            throws WorkbenchException {
        progress.reset("Fetching " + url, 0);
        try {
            http.download(
                    url,
                    k.name(),
                    k.name() + ".zip",
                    "No " + k.name() + ".zip at " + base + " (404)",
                    zip,
                    -1,
                    null,
                    progress);
        } catch (WorkbenchException e) {
            if (e.kind() == WorkbenchException.Kind.MODEL) {
                // the Hub's refusals are about models; here the missing thing is a dataset
                throw new WorkbenchException(WorkbenchException.Kind.BAD_INPUT, e.getMessage(), e);
            }
            throw e;
        }
        progress.end();
        Path unpacked = partial.resolve(k.name());
        try {
            Folders.deleteTree(unpacked);
            unzip(zip, k.name(), unpacked);
        } catch (ZipException e) {
            Folders.deleteTreeQuietly(zip);
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    url
                            + " did not arrive as a readable zip ("
                            + e.getMessage()
                            + "); it was deleted, run the fetch again",
                    e);
        } catch (IOException e) {
            if (HubClient.cancelled(e)) {
                throw WorkbenchException.cancelled();
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot unpack " + zip + ": " + HubClient.describe(e),
                    e);
        }
        RetrievalDataset check = BeirReader.read(unpacked, null);
        long zipBytes;
        String sha;
        try {
            zipBytes = Files.size(zip);
            sha = Hashing.sha256Hex(zip);
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + zip, e);
        }
        writeSettings(k, unpacked);
        AtomicFiles.writeString(unpacked.resolve("README.md"), card(k, url, sha, zipBytes, check));
        try {
            AtomicFiles.rename(unpacked, target);
            Files.deleteIfExists(zip);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot move " + unpacked + " to " + target + ": " + HubClient.describe(e),
                    e);
        }
        return new Fetched(target, k, check, zipBytes, sha);
    }

    /**
     * Unpacks the entries under {@code <name>/} of the zip into {@code into}, refusing entries that
     * would land outside it.
     */
    private static void unzip(Path zip, String name, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ClosedByInterruptException();
                }
                ZipEntry e = entries.nextElement();
                String n = e.getName();
                if (!n.startsWith(name + "/") || e.isDirectory()) {
                    continue; // __MACOSX/ and the like
                }
                Path out = root.resolve(n.substring(name.length() + 1)).normalize();
                if (!out.startsWith(root)) {
                    throw new ZipException("entry " + n + " points outside the dataset folder");
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * The bundled models' published nDCG@10 as {@code taew reproduce} reads it: e5 and bge with
     * their instructions (task-aware), MiniLM without (general). Not written for msmarco, whose
     * published figures are of its dev split while the workbench reads its test split.
     */
    /**
     * Writes the collection's {@code dataset.yaml} and, where its published figures apply, its
     * {@code expected.yaml} into {@code dir}.
     */
    static void writeSettings(Known k, Path dir) throws WorkbenchException {
        AtomicFiles.writeString(dir.resolve(DatasetSettings.FILE_NAME), settings(k));
        if (!k.published().isEmpty() && !k.name().equals("msmarco")) {
            AtomicFiles.writeString(dir.resolve(Reproduction.DATASET_FILE), expected(k));
        }
    }

    private static String expected(Known k) {
        StringBuilder sb =
                new StringBuilder(
                        "# Published MTEB nDCG@10 of the bundled models on this collection (`taew"
                                + " reproduce "
                                + k.name()
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
        for (Map.Entry<String, Double> e : k.published().entrySet()) {
            sb.append("  ")
                    .append(e.getKey())
                    .append(": {")
                    .append(e.getKey().equals(MINILM) ? "general" : "task_aware")
                    .append(": ")
                    .append(String.format(Locale.ROOT, "%.5f", e.getValue()))
                    .append("}\n");
        }
        return sb.toString();
    }

    private static String settings(Known k) {
        return "# How the workbench evaluates this dataset (taew eval, the desktop, taew datasets results).\n"
                + "task: "
                + k.task()
                + "\n"
                + (k.ignoreIdenticalIds()
                        ? "# queries are also documents: BEIR and MTEB leave each one out of its own ranking\n"
                                + "ignore-identical-ids: true\n"
                        : "");
    }

    private static String card(Known k, String url, String sha, long bytes, RetrievalDataset d) {
        return "# "
                + k.name()
                + "\n\n"
                + k.title()
                + ", from the BEIR benchmark, fetched with `taew datasets fetch "
                + k.name()
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
                        k.documents(),
                        k.testQueries())
                + "\nLicence: as its authors publish it; the BEIR benchmark lists each collection's licence"
                + " (https://github.com/beir-cellar/beir). This card does not restate it: check it before"
                + " you share results or copies.\n";
    }
}
