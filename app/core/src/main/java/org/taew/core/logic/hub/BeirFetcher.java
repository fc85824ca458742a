package org.taew.core.logic.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.hub.BeirCollections.Known;
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
 * only then moved into place. The zip is unpacked by {@link BeirZip}; the dataset's own files are
 * written by {@link BeirDatasetFiles}.
 */
public final class BeirFetcher {
    /** Where the BEIR benchmark publishes its zips. */
    public static final String DEFAULT_ENDPOINT =
            "https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets";

    /** What a fetch produced. */
    public record Fetched(
            Path dir, Known known, RetrievalDataset check, long zipBytes, String zipSha256) {}

    private BeirFetcher() {}

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
                BeirCollections.known(name)
                        .orElseThrow(
                                () ->
                                        WorkbenchException.badInput(
                                                "\""
                                                        + name
                                                        + "\" is not a BEIR collection; known: "
                                                        + String.join(
                                                                ", ",
                                                                BeirCollections.KNOWN.stream()
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
            BeirZip.unzip(zip, k.name(), unpacked);
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
            if (FetchFailures.cancelled(e)) {
                throw WorkbenchException.cancelled();
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot unpack " + zip + ": " + FetchFailures.describe(e),
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
        AtomicFiles.writeString(
                unpacked.resolve("README.md"),
                BeirDatasetFiles.card(
                        k.name(),
                        k.title(),
                        k.documents(),
                        k.testQueries(),
                        url,
                        sha,
                        zipBytes,
                        check,
                        k.bm25()));
        try {
            AtomicFiles.rename(unpacked, target);
            Files.deleteIfExists(zip);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot move " + unpacked + " to " + target + ": " + FetchFailures.describe(e),
                    e);
        }
        return new Fetched(target, k, check, zipBytes, sha);
    }

    /**
     * Writes the collection's {@code dataset.yaml} and, where its published figures apply, its
     * {@code expected.yaml} into {@code dir}.
     */
    static void writeSettings(Known k, Path dir) throws WorkbenchException {
        BeirDatasetFiles.writeSettings(
                k.name(), k.task(), k.ignoreIdenticalIds(), k.published(), k.bm25(), dir);
    }
}
