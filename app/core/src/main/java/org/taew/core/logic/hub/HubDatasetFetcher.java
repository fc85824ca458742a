package org.taew.core.logic.hub;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.datasets.StsReader;
import org.taew.core.logic.encoding.FetchedModels;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.Folders;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Fetches an MTEB dataset from the Hugging Face Hub ({@code mteb/scifact} and the like) into the
 * workspace's datasets folder with a provenance card: a retrieval set in BEIR's layout ({@code
 * corpus.jsonl}, {@code queries.jsonl}, {@code qrels/<split>.tsv}, each possibly gzipped) or as
 * MTEB's parquet configurations (converted to that layout), or an STS set ({@code <split>.jsonl} or
 * parquet, converted to pair files). Like every fetch: downloaded into {@code datasets/.partial/},
 * converted, read as a check, then moved into place.
 */
public final class HubDatasetFetcher {
    private HubDatasetFetcher() {}

    /**
     * What a fetch produced: a BEIR folder ({@code check} the dataset read), or STS sentence-pair
     * files ({@code pairFiles}, one TSV per split, {@code check} null).
     */
    public record Fetched(
            Path dir,
            HubClient.RepoInfo info,
            RetrievalDataset check,
            List<Path> pairFiles,
            int pairs) {
        /** The pair file an STS set is evaluated on first. */
        public static final String STS_TEST_FILE = "test.tsv";

        /**
         * What to open or evaluate: a retrieval set's folder; an STS set's test pairs ({@value
         * #STS_TEST_FILE}), else its first split's.
         */
        public Path opens() {
            if (check != null) {
                return dir;
            }
            return pairFiles.stream()
                    .filter(t -> t.getFileName().toString().equals(STS_TEST_FILE))
                    .findFirst()
                    .orElse(pairFiles.get(0));
        }
    }

    /**
     * Whether a dataset name means a repository of the Hugging Face Hub ({@code ORG/NAME}, with a
     * slash) rather than a BEIR collection by name.
     */
    public static boolean isHubName(String name) {
        return name.contains("/");
    }

    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public static Fetched fetch(
            HubClient hub, Path datasetsDir, String name, ProgressListener progress)
            throws WorkbenchException {
        FetchedModels.Spec spec = FetchedModels.Spec.parse(name);
        String folder = spec.name().toLowerCase(Locale.ROOT);
        Path target = datasetsDir.resolve(folder);
        if (Files.exists(target)) {
            throw WorkbenchException.badInput(
                    target
                            + " exists already; remove it (or rename it) to fetch "
                            + spec.repo()
                            + " again");
        }
        HubClient.RepoInfo info = hub.datasetInfo(spec.repo(), spec.revision());
        List<HubClient.RepoFile> files = stsFiles(info);
        ParquetDatasets.Layout parquet = null;
        if (files.isEmpty()) {
            files = beirFiles(info);
        }
        if (files.isEmpty()) {
            parquet = ParquetDatasets.layout(info.repo(), info.files());
            if (parquet == null || parquet.partial()) {
                throw refusal(info, folder);
            }
            files = parquet.files();
        }
        try (FetchLock lock =
                FetchLock.take(datasetsDir.resolve(".partial").resolve(folder), spec.repo())) {
            return fetchLocked(
                    hub, datasetsDir, spec, folder, target, info, files, parquet, progress);
        }
    }

    private static Fetched fetchLocked(
            HubClient hub,
            Path datasetsDir,
            FetchedModels.Spec spec,
            String folder,
            Path target,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> files,
            ParquetDatasets.Layout parquet,
            ProgressListener progress)
            throws WorkbenchException {
        Path partial =
                datasetsDir
                        .resolve(".partial")
                        .resolve(folder + "@" + FetchedModels.shortCommit(info.commit()));
        long bytes = files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
        progress.reset("Fetching " + spec.repo(), bytes);
        for (HubClient.RepoFile f : files) {
            hub.download(info, f, partial.resolve("download").resolve(f.path()), progress);
        }
        progress.end();
        Path unpacked = partial.resolve(folder);
        if (parquet != null) {
            return fromParquet(hub, spec, folder, target, info, parquet, partial, progress);
        }
        try {
            Folders.deleteTree(unpacked);
            for (HubClient.RepoFile f : files) {
                Path from = partial.resolve("download").resolve(f.path());
                String plain =
                        f.path().endsWith(".gz")
                                ? f.path().substring(0, f.path().length() - 3)
                                : f.path();
                Path to = unpacked.resolve(plain);
                Files.createDirectories(to.getParent());
                try (InputStream in =
                        f.path().endsWith(".gz")
                                ? new GZIPInputStream(Files.newInputStream(from))
                                : Files.newInputStream(from)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot unpack the files of " + spec.repo() + ": " + e.getMessage(),
                    e);
        }
        if (stsLayout(files)) {
            return sts(hub, target, unpacked, partial, info, files);
        }
        return placeBeir(hub, folder, target, unpacked, partial, info, files);
    }

    /** Converts MTEB's parquet files (retrieval or STS) and moves the result into place. */
    private static Fetched fromParquet(
            HubClient hub,
            FetchedModels.Spec spec,
            String folder,
            Path target,
            HubClient.RepoInfo info,
            ParquetDatasets.Layout parquet,
            Path partial,
            ProgressListener progress)
            throws WorkbenchException {
        Path unpacked = partial.resolve(folder);
        Path downloads = partial.resolve("download");
        try {
            Folders.deleteTree(unpacked);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot clear " + unpacked + ": " + FetchFailures.describe(e),
                    e);
        }
        if (parquet.retrieval()) {
            ParquetDatasets.writeBeir(parquet, downloads, unpacked, spec.repo(), progress);
            return placeBeir(hub, folder, target, unpacked, partial, info, parquet.files());
        }
        List<Path> written = ParquetDatasets.writePairs(parquet, downloads, unpacked, spec.repo());
        return placePairs(hub, target, unpacked, partial, info, parquet.files(), written);
    }

    /**
     * Reads each written pair file as a check, adds the card, moves the folder into place: the pair
     * files' end, from jsonl or parquet alike.
     */
    private static Fetched placePairs(
            HubClient hub,
            Path target,
            Path unpacked,
            Path partial,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> files,
            List<Path> written)
            throws WorkbenchException {
        List<Path> tsvs = new ArrayList<>();
        int pairs = 0;
        for (Path tsv : written) {
            pairs += StsReader.readAuto(tsv, null).pairs().size();
            tsvs.add(target.resolve(tsv.getFileName().toString()));
        }
        AtomicFiles.writeString(unpacked.resolve("README.md"), card(hub, info, files, null));
        place(unpacked, target, partial);
        return new Fetched(target, info, null, tsvs, pairs);
    }

    /** Reads the BEIR folder as a check, adds settings and the card, moves it into place. */
    private static Fetched placeBeir(
            HubClient hub,
            String folder,
            Path target,
            Path unpacked,
            Path partial,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> files)
            throws WorkbenchException {
        RetrievalDataset check = BeirReader.read(unpacked, null);
        Optional<BeirCollections.Known> known = BeirCollections.known(folder);
        if (known.isPresent()) {
            BeirFetcher.writeSettings(known.get(), unpacked);
        }
        AtomicFiles.writeString(
                unpacked.resolve("README.md"),
                card(hub, info, files, check)
                        + BeirDatasetFiles.bm25Line(
                                known.map(BeirCollections.Known::bm25).orElse(null)));
        place(unpacked, target, partial);
        return new Fetched(target, info, check, List.of(), 0);
    }

    private static final Pattern STS_FILE =
            Pattern.compile("(train|validation|dev|test)\\.jsonl(\\.gz)?");

    /** The split files of an STS repository in MTEB's jsonl layout, or none. */
    static List<HubClient.RepoFile> stsFiles(HubClient.RepoInfo info) {
        return info.files().stream().filter(f -> STS_FILE.matcher(f.path()).matches()).toList();
    }

    private static boolean stsLayout(List<HubClient.RepoFile> files) {
        return !files.isEmpty()
                && files.stream().allMatch(f -> STS_FILE.matcher(f.path()).matches());
    }

    /**
     * Writes each split's pairs ({@code sentence1}, {@code sentence2}, {@code score} per JSON line)
     * as a TSV with a header, which {@code eval -d FILE} reads, checks each, and moves the folder
     * into place.
     */
    private static Fetched sts(
            HubClient hub,
            Path target,
            Path unpacked,
            Path partial,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> files)
            throws WorkbenchException {
        List<Path> written = new ArrayList<>();
        for (HubClient.RepoFile f : files) {
            String split = f.path().substring(0, f.path().indexOf('.'));
            Path jsonl = unpacked.resolve(split + ".jsonl");
            Path tsv = unpacked.resolve(split + ".tsv");
            StringBuilder out = new StringBuilder(ParquetDatasets.PAIRS_HEADER);
            try {
                List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    try {
                        JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
                        out.append(ParquetDatasets.cell(o.get("sentence1").getAsString()))
                                .append('\t')
                                .append(ParquetDatasets.cell(o.get("sentence2").getAsString()))
                                .append('\t')
                                .append(o.get("score").getAsDouble())
                                .append('\n');
                    } catch (RuntimeException e) {
                        throw WorkbenchException.badInput(
                                info.repo()
                                        + " "
                                        + f.path()
                                        + ", line "
                                        + (i + 1)
                                        + ": expected a JSON object with sentence1, sentence2 and a"
                                        + " numeric score");
                    }
                }
                Files.writeString(tsv, out, StandardCharsets.UTF_8);
                Files.delete(jsonl);
            } catch (IOException e) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        "Cannot convert "
                                + f.path()
                                + " of "
                                + info.repo()
                                + ": "
                                + FetchFailures.describe(e),
                        e);
            }
            written.add(tsv);
        }
        return placePairs(hub, target, unpacked, partial, info, files, written);
    }

    /** Moves the checked folder into place in one rename and drops the partial one. */
    private static void place(Path unpacked, Path target, Path partial) throws WorkbenchException {
        try {
            AtomicFiles.rename(unpacked, target);
            Folders.deleteTree(partial);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot move " + unpacked + " to " + target + ": " + FetchFailures.describe(e),
                    e);
        }
    }

    /** The BEIR jsonl files of the repository (corpus, queries, then qrels), or none. */
    static List<HubClient.RepoFile> beirFiles(HubClient.RepoInfo info) {
        List<HubClient.RepoFile> out = new ArrayList<>();
        HubClient.RepoFile corpus = null;
        HubClient.RepoFile queries = null;
        for (HubClient.RepoFile f : info.files()) {
            String p = f.path();
            if (p.equals("corpus.jsonl") || p.equals("corpus.jsonl.gz")) {
                corpus = f;
            } else if (p.equals("queries.jsonl") || p.equals("queries.jsonl.gz")) {
                queries = f;
            } else if (p.matches("qrels/[A-Za-z0-9_-]+\\.tsv(\\.gz)?")) {
                out.add(f);
            }
        }
        if (corpus == null || queries == null || out.isEmpty()) {
            return List.of();
        }
        out.add(0, queries);
        out.add(0, corpus);
        return out;
    }

    /** Why a repository is in none of the layouts read, with the way round where there is one. */
    private static WorkbenchException refusal(HubClient.RepoInfo info, String folder) {
        return WorkbenchException.badInput(
                info.repo()
                        + " is in none of the layouts the workbench reads: BEIR's (corpus.jsonl,"
                        + " queries.jsonl, qrels/<split>.tsv), MTEB's parquet configurations (corpus/,"
                        + " queries/ and the judgments) or MTEB's STS layout (<split>.jsonl or"
                        + " <split>.parquet with sentence1, sentence2, score)"
                        + (BeirCollections.known(folder).isPresent()
                                ? "; the same collection comes as BEIR's zip: taew datasets fetch "
                                        + folder
                                : ""));
    }

    private static String card(
            HubClient hub,
            HubClient.RepoInfo info,
            List<HubClient.RepoFile> files,
            RetrievalDataset d) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(info.repo()).append("\n\n");
        sb.append("Fetched from the Hugging Face Hub with `taew datasets fetch ")
                .append(info.repo())
                .append("`.\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| source | ")
                .append(hub.endpoint())
                .append("/datasets/")
                .append(info.repo())
                .append(" |\n");
        sb.append("| revision | ")
                .append(info.revision())
                .append(", commit `")
                .append(info.commit())
                .append("` |\n");
        sb.append("| fetched | ").append(Instant.now()).append(" |\n");
        for (HubClient.RepoFile f : files) {
            sb.append("| ")
                    .append(f.path())
                    .append(" | ")
                    .append(f.size())
                    .append(" bytes")
                    .append(f.sha256() == null ? "" : ", SHA-256 `" + f.sha256() + "`")
                    .append(" |\n");
        }
        if (d != null) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "| read here | %,d documents, %,d queries with judgments in the %s split |%n",
                            d.documents().size(),
                            d.queries().size(),
                            d.split()));
        } else {
            sb.append(
                    "| read here | each split as `<split>.tsv` (sentence1, sentence2, score) |\n");
        }
        sb.append(
                "\nLicence: as the dataset's card on the Hub states it; this card does not restate it: check it"
                        + " before you share results or copies.\n");
        return sb.toString();
    }
}
