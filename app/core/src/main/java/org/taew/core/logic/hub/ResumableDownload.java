package org.taew.core.logic.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.taew.core.util.Hashing;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * Downloads one file to a target path, resuming the bytes the target holds already (a {@code Range}
 * request), and checks the size and SHA-256 of what arrived.
 */
final class ResumableDownload {
    private final HubHttp http;

    ResumableDownload(HubHttp http) {
        this.http = http;
    }

    /**
     * Downloads {@code url} to {@code target}, resumed from what {@code target} holds, checked
     * against {@code size} (-1: unknown) and {@code sha256} (null: none given).
     */
    void download(
            String url,
            String subject,
            String what,
            String notFound,
            Path target,
            long size,
            String sha256,
            ProgressListener progress)
            throws WorkbenchException {
        try {
            Files.createDirectories(target.getParent());
            long have = Files.isRegularFile(target) ? Files.size(target) : 0;
            if (size >= 0 && have > size) {
                Files.delete(target);
                have = 0;
            }
            boolean complete = Files.isRegularFile(target) && have == size;
            if (!complete) {
                receive(url, subject, what, notFound, target, size, have, progress);
            } else {
                progress.increment(have);
            }
            long arrived = Files.size(target);
            if (size >= 0 && arrived != size) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        what
                                + " ended after "
                                + arrived
                                + " of "
                                + size
                                + " bytes; run the fetch again to resume it");
            }
            if (sha256 != null) {
                String actual = Hashing.sha256Hex(target);
                if (!actual.equalsIgnoreCase(sha256)) {
                    Files.delete(target);
                    throw new WorkbenchException(
                            WorkbenchException.Kind.IO,
                            what
                                    + " arrived corrupted: SHA-256 "
                                    + actual
                                    + ", expected "
                                    + sha256
                                    + ". It was deleted; run the fetch again.");
                }
            }
        } catch (IOException e) {
            throw FetchFailures.failed(
                    e,
                    "Downloading " + what + " from " + url + " failed: ",
                    ". What arrived is kept in "
                            + target.getParent()
                            + ": run the fetch again to resume it.");
        }
    }

    /** Requests the bytes after the {@code have} that {@code target} holds, and writes them. */
    private void receive(
            String url,
            String subject,
            String what,
            String notFound,
            Path target,
            long size,
            long have,
            ProgressListener progress)
            throws IOException, WorkbenchException {
        HttpResponse<InputStream> r =
                http.send(url, have > 0 ? "bytes=" + have + "-" : null, subject, what);
        int status = r.statusCode();
        if (status == 416 && have > 0) {
            r.body().close();
            if (size < 0) {
                return; // nothing after the bytes held: the file is complete
            }
            Files.delete(target); // the server's file is not ours any more: start afresh
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    url + " no longer matches what was fetched before; run the fetch again");
        }
        if (status != 200 && status != 206) {
            r.body().close();
            http.check(
                    status,
                    r.headers().firstValue("retry-after").orElse(null),
                    subject,
                    notFound,
                    url);
        }
        boolean append = status == 206 && have > 0;
        if (append) {
            // the bytes must continue exactly where ours stop
            String range = r.headers().firstValue("content-range").orElse("");
            if (!range.startsWith("bytes " + have + "-")) {
                r.body().close();
                Files.delete(target);
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        url
                                + " answered with other bytes than asked for ("
                                + range
                                + "); what was fetched is deleted, run the fetch again");
            }
        }
        progress.increment(append ? have : 0);
        try (InputStream in = r.body();
                OutputStream out =
                        Files.newOutputStream(
                                target,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                append
                                        ? StandardOpenOption.APPEND
                                        : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                progress.increment(n);
                ProgressListener.checkCancelled();
            }
        }
    }
}
