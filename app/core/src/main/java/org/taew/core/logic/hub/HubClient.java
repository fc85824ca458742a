package org.taew.core.logic.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
                        .followRedirects(HttpClient.Redirect.NORMAL)
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
                send(
                        request(url).GET().build(),
                        HttpResponse.BodyHandlers.ofString(),
                        repo,
                        revision);
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
            JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
            String commit = o.has("sha") ? o.get("sha").getAsString() : revision;
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
                    url + " did not answer with the Hub's file list (" + e.getMessage() + ")",
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
            if (file.size() < 0 || have < file.size()) {
                HttpRequest.Builder b = request(url).GET();
                if (have > 0) {
                    b.header("Range", "bytes=" + have + "-");
                }
                HttpResponse<InputStream> r =
                        send(b.build(), HttpResponse.BodyHandlers.ofInputStream(), subject, what);
                int status = r.statusCode();
                if (status == 416 && have > 0 && file.size() < 0) {
                    // the server has no bytes after those we hold: the file is complete
                    r.body().close();
                    status = 0;
                } else if (status != 200 && status != 206) {
                    r.body().close();
                    check(
                            status,
                            r.headers().firstValue("retry-after").orElse(null),
                            subject,
                            notFound,
                            url);
                }
                boolean append = status == 206 && have > 0;
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
            } else {
                progress.increment(have);
            }
            long arrived = Files.size(target);
            if (file.size() >= 0 && arrived != file.size()) {
                throw new WorkbenchException(
                        WorkbenchException.Kind.IO,
                        url
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
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Downloading "
                            + url
                            + " to "
                            + target
                            + " failed: "
                            + describe(e)
                            + ". What arrived is kept: run the fetch again to resume it.",
                    e);
        }
    }

    private static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.toLowerCase(Locale.ROOT).contains("no space left")) {
            return "the disk is full (" + m + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private HttpRequest.Builder request(String url) throws WorkbenchException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
        } catch (IllegalArgumentException e) {
            throw WorkbenchException.badInput(
                    "Not a valid address: " + url + " (" + e.getMessage() + ")");
        }
        b.header("User-Agent", "taew-workbench");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> HttpResponse<T> send(
            HttpRequest request, HttpResponse.BodyHandler<T> handler, String repo, String revision)
            throws WorkbenchException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot reach "
                            + endpoint
                            + " to fetch "
                            + repo
                            + " ("
                            + e.getClass().getSimpleName()
                            + "): no network, or the address is wrong (HF_ENDPOINT sets another one)",
                    e);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "The connection to "
                            + endpoint
                            + " failed while fetching "
                            + repo
                            + "@"
                            + revision
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
        if (status == 0 || status == 200 || status == 206) {
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
