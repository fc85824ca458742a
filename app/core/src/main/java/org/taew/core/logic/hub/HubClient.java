package org.taew.core.logic.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.util.Hashing;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * The Hugging Face Hub's HTTP API, as far as fetching a model needs it: a repository's files at a
 * revision ({@code GET /api/models/{repo}/revision/{rev}?blobs=true}: the commit, each file's size
 * and, for LFS files, its SHA-256) and a file's bytes ({@code GET /{repo}/resolve/{commit}/{path}},
 * resumed with a {@code Range} header). The endpoint is {@code HF_ENDPOINT} or
 * https://huggingface.co; {@code HF_TOKEN} is sent as a bearer token. Nothing here runs unless a
 * user asks for a fetch.
 */
public final class HubClient {
    /** The Hub's address when {@code HF_ENDPOINT} is not set. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    /** One file of a repository. */
    public record RepoFile(String path, long size, String sha256) {}

    /**
     * A repository at a revision.
     *
     * @param repo {@code org/name}
     * @param revision the revision asked for (a branch, tag or commit)
     * @param commit the commit it resolved to
     * @param gated whether the repository asks users to accept conditions first
     */
    public record RepoInfo(
            String repo,
            String revision,
            String commit,
            boolean gated,
            List<RepoFile> files,
            boolean dataset) {
        /** Where the repository's files are: {@code ORG/NAME} or {@code datasets/ORG/NAME}. */
        String path() {
            return dataset ? "datasets/" + repo : repo;
        }
    }

    private final String endpoint;
    private final String token;
    private final HttpClient http;

    public HubClient(String endpoint, String token) {
        this.endpoint =
                endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** A client configured from the environment: {@code HF_ENDPOINT}, {@code HF_TOKEN}. */
    public static HubClient fromEnvironment(Map<String, String> env) {
        String endpoint = env.getOrDefault("HF_ENDPOINT", "");
        return new HubClient(endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint, env.get("HF_TOKEN"));
    }

    public String endpoint() {
        return endpoint;
    }

    /** The files of {@code repo} at {@code revision}, with sizes and LFS checksums. */
    public RepoInfo info(String repo, String revision) throws WorkbenchException {
        return info(repo, revision, false);
    }

    /** The files of the dataset repository {@code repo} at {@code revision}. */
    public RepoInfo datasetInfo(String repo, String revision) throws WorkbenchException {
        return info(repo, revision, true);
    }

    private RepoInfo info(String repo, String revision, boolean dataset) throws WorkbenchException {
        String url =
                endpoint
                        + (dataset ? "/api/datasets/" : "/api/models/")
                        + repo
                        + "/revision/"
                        + URLEncoder.encode(revision, StandardCharsets.UTF_8)
                        + "?blobs=true";
        HttpResponse<String> r =
                send(url, null, HttpResponse.BodyHandlers.ofString(), repo, repo + "@" + revision);
        check(
                r.statusCode(),
                r.headers().firstValue("retry-after").orElse(null),
                repo,
                (dataset ? "No dataset " : "No model ")
                        + repo
                        + " at revision "
                        + revision
                        + " on "
                        + endpoint
                        + " (404): check the name (org/name) and the revision",
                url);
        try {
            JsonElement parsed = JsonParser.parseString(r.body());
            if (!parsed.isJsonObject()) {
                throw new JsonParseException("not a JSON object");
            }
            JsonObject o = parsed.getAsJsonObject();
            // the commit names folders: only a commit hash is taken (never a path)
            String commit = o.has("sha") ? o.get("sha").getAsString() : "";
            if (!commit.matches("[0-9a-f]{40}")) {
                throw new JsonParseException("no commit hash (\"sha\")");
            }
            JsonElement gatedValue = o.get("gated");
            boolean gated =
                    gatedValue != null
                            && !gatedValue.isJsonNull()
                            && !(gatedValue.isJsonPrimitive()
                                    && gatedValue.getAsJsonPrimitive().isBoolean()
                                    && !gatedValue.getAsBoolean());
            List<RepoFile> files = new ArrayList<>();
            JsonArray siblings = o.getAsJsonArray("siblings");
            if (siblings == null) {
                throw new JsonParseException("no \"siblings\" (the file list)");
            }
            for (JsonElement e : siblings) {
                JsonObject f = e.getAsJsonObject();
                JsonObject lfs =
                        f.has("lfs") && f.get("lfs").isJsonObject()
                                ? f.getAsJsonObject("lfs")
                                : null;
                long size =
                        f.has("size")
                                ? f.get("size").getAsLong()
                                : lfs != null && lfs.has("size") ? lfs.get("size").getAsLong() : -1;
                String sha =
                        lfs != null && lfs.has("sha256") ? lfs.get("sha256").getAsString() : null;
                files.add(new RepoFile(f.get("rfilename").getAsString(), size, sha));
            }
            return new RepoInfo(repo, revision, commit, gated, files, dataset);
        } catch (RuntimeException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    url
                            + " did not answer with the Hub's file list ("
                            + (e instanceof JsonParseException && e.getCause() == null
                                    ? e.getMessage()
                                    : "not the JSON it sends")
                            + "); is "
                            + endpoint
                            + " a Hugging Face Hub?",
                    e);
        }
    }

    /**
     * Downloads one file to {@code target}, resuming {@code target}'s bytes when it holds the start
     * of the file already (an interrupted earlier fetch), and checks its size and, when the Hub
     * gives one, its SHA-256. A file that fails its check is deleted and refused.
     */
    public void download(RepoInfo repo, RepoFile file, Path target, ProgressListener progress)
            throws WorkbenchException {
        String url = endpoint + "/" + repo.path() + "/resolve/" + repo.commit() + "/" + file.path();
        download(
                url,
                repo.repo(),
                file.path() + " of " + repo.repo(),
                "No file " + file.path() + " in " + repo.repo() + " at " + repo.commit() + " (404)",
                target,
                file.size(),
                file.sha256(),
                progress);
    }

    /**
     * Downloads {@code url} to {@code target} as {@link #download(RepoInfo, RepoFile, Path,
     * ProgressListener)} does: resumed from what {@code target} holds, checked against {@code size}
     * (-1: unknown) and {@code sha256} (null: none given).
     *
     * @param subject what is fetched, for messages (a repository, a dataset)
     * @param what the file, for messages
     * @param notFound the message when the server has no such file
     */
    public void download(
            String url,
            String subject,
            String what,
            String notFound,
            Path target,
            long size,
            String sha256,
            ProgressListener progress)
            throws WorkbenchException {
        RepoFile file = new RepoFile(what, size, sha256);
        try {
            Files.createDirectories(target.getParent());
            long have = Files.isRegularFile(target) ? Files.size(target) : 0;
            if (file.size() >= 0 && have > file.size()) {
                Files.delete(target);
                have = 0;
            }
            boolean complete = Files.isRegularFile(target) && have == file.size();
            if (!complete) {
                receive(url, subject, what, notFound, target, file, have, progress);
            } else {
                progress.increment(have);
            }
            long arrived = Files.size(target);
            if (file.size() >= 0 && arrived != file.size()) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        what
                                + " ended after "
                                + arrived
                                + " of "
                                + file.size()
                                + " bytes; run the fetch again to resume it");
            }
            if (file.sha256() != null) {
                String actual = Hashing.sha256Hex(target);
                if (!actual.equalsIgnoreCase(file.sha256())) {
                    Files.delete(target);
                    throw new WorkbenchException(
                            WorkbenchException.Kind.IO,
                            what
                                    + " arrived corrupted: SHA-256 "
                                    + actual
                                    + ", expected "
                                    + file.sha256()
                                    + ". It was deleted; run the fetch again.");
                }
            }
        } catch (IOException e) {
            if (cancelled(e)) {
                Thread.currentThread().interrupt();
                throw WorkbenchException.cancelled();
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Downloading "
                            + what
                            + " from "
                            + url
                            + " failed: "
                            + describe(e)
                            + ". What arrived is kept in "
                            + target.getParent()
                            + ": run the fetch again to resume it.",
                    e);
        }
    }

    /** Requests the bytes after the {@code have} that {@code target} holds, and writes them. */
    private void receive(
            String url,
            String subject,
            String what,
            String notFound,
            Path target,
            RepoFile file,
            long have,
            ProgressListener progress)
            throws IOException, WorkbenchException {
        HttpResponse<InputStream> r =
                send(url, have > 0 ? "bytes=" + have + "-" : null, subject, what);
        int status = r.statusCode();
        if (status == 416 && have > 0) {
            r.body().close();
            if (file.size() < 0) {
                return; // nothing after the bytes held: the file is complete
            }
            Files.delete(target); // the server's file is not ours any more: start afresh
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    url + " no longer matches what was fetched before; run the fetch again");
        }
        if (status != 200 && status != 206) {
            r.body().close();
            check(
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

    /** Whether an I/O failure is a cancel (an interrupted read or write). */
    static boolean cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClosedByInterruptException || t instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** An I/O failure in words, without Java's class names. */
    static String describe(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "the disk is full";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + m;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + m;
        }
        if (e instanceof HttpTimeoutException) {
            return "the server did not answer in time";
        }
        if (e instanceof EOFException
                || lower.contains("eof")
                || lower.contains("closed")
                || lower.contains("reset")) {
            return "the connection was cut";
        }
        return m.isEmpty() ? "an input/output error" : m;
    }

    private HttpRequest.Builder request(String url, boolean withToken) throws WorkbenchException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
        } catch (IllegalArgumentException e) {
            throw WorkbenchException.badInput(
                    "Not a valid address: " + url + " (" + e.getMessage() + ")");
        }
        b.header("User-Agent", "taew-workbench");
        if (token != null && withToken) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /**
     * Whether {@code url} may receive the token: the endpoint's own scheme, host and port, over
     * https or on this machine. Redirects elsewhere (the Hub's file storage) never get it.
     */
    private boolean tokenGoesTo(String url) {
        try {
            URI u = URI.create(url);
            URI e = URI.create(endpoint);
            boolean sameOrigin =
                    u.getScheme().equalsIgnoreCase(e.getScheme())
                            && String.valueOf(u.getHost())
                                    .equalsIgnoreCase(String.valueOf(e.getHost()))
                            && u.getPort() == e.getPort();
            boolean safe =
                    "https".equalsIgnoreCase(u.getScheme())
                            || "127.0.0.1".equals(u.getHost())
                            || "localhost".equalsIgnoreCase(u.getHost())
                            || "[::1]".equals(u.getHost());
            return sameOrigin && safe;
        } catch (IllegalArgumentException | NullPointerException ex) {
            return false;
        }
    }

    /**
     * GETs {@code url} (with {@code range} when not null), following redirects by hand so that the
     * token is sent to the endpoint only.
     */
    private <T> HttpResponse<T> send(
            String url,
            String range,
            HttpResponse.BodyHandler<T> handler,
            String subject,
            String what)
            throws WorkbenchException {
        String current = url;
        for (int hop = 0; hop < 6; hop++) {
            HttpRequest.Builder b = request(current, tokenGoesTo(current)).GET();
            if (range != null) {
                b.header("Range", range);
            }
            HttpResponse<T> r = sendOnce(b.build(), handler, subject, what);
            int st = r.statusCode();
            if (st != 301 && st != 302 && st != 303 && st != 307 && st != 308) {
                return r;
            }
            if (r.body() instanceof InputStream in) {
                try {
                    in.close();
                } catch (IOException e) {
                    // a redirect's body is of no use
                }
            }
            String location = r.headers().firstValue("location").orElse(null);
            if (location == null) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO, url + " redirected without saying where to");
            }
            current = URI.create(current).resolve(location).toString();
        }
        throw new WorkbenchException(WorkbenchException.Kind.IO, url + " redirects too many times");
    }

    private HttpResponse<InputStream> send(String url, String range, String subject, String what)
            throws WorkbenchException {
        return send(url, range, HttpResponse.BodyHandlers.ofInputStream(), subject, what);
    }

    private <T> HttpResponse<T> sendOnce(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, String subject, String what)
            throws WorkbenchException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot reach "
                            + request.uri().getScheme()
                            + "://"
                            + request.uri().getAuthority()
                            + " to fetch "
                            + subject
                            + ": no network, or the address is wrong (HF_ENDPOINT or --endpoint set"
                            + " another one)",
                    e);
        } catch (IOException e) {
            if (cancelled(e)) {
                Thread.currentThread().interrupt();
                throw WorkbenchException.cancelled();
            }
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "The connection to "
                            + request.uri().getAuthority()
                            + " failed while fetching "
                            + what
                            + ": "
                            + describe(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WorkbenchException.cancelled();
        }
    }

    /** One clear message per refusal of the Hub. */
    private void check(int status, String retryAfter, String repo, String notFound, String url)
            throws WorkbenchException {
        if (status == 200 || status == 206) {
            return;
        }
        String m =
                switch (status) {
                    case 401 ->
                            repo
                                    + " needs an account: the Hub answered 401 (unauthorised). If it is a gated"
                                    + " model (e.g. google/embeddinggemma-300m), accept its conditions on its Hub page,"
                                    + " then set HF_TOKEN to an access token of that account"
                                    + (token == null
                                            ? " (none is set now)"
                                            : " (the token given was not accepted)");
                    case 403 ->
                            "The Hub refused access to "
                                    + repo
                                    + " (403): the token's account has not been granted access. Gated models (e.g."
                                    + " EmbeddingGemma) need their conditions accepted on their Hub page first.";
                    case 404 -> notFound;
                    case 429 ->
                            "The Hub is rate-limiting requests (429)"
                                    + (retryAfter == null
                                            ? ""
                                            : "; it asks to wait " + retryAfter + " s")
                                    + ". Try again later, or set HF_TOKEN: signed-in requests get a higher limit.";
                    default -> "The server answered HTTP " + status + " for " + url;
                };
        throw new WorkbenchException(
                status == 404 || status == 401 || status == 403
                        ? WorkbenchException.Kind.MODEL
                        : WorkbenchException.Kind.IO,
                m);
    }
}
