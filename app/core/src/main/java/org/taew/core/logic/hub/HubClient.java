package org.taew.core.logic.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/**
 * The Hugging Face Hub's HTTP API, as far as fetching a model needs it: a repository's files at a
 * revision ({@code GET /api/models/{repo}/revision/{rev}?blobs=true}: the commit, each file's size
 * and, for LFS files, its SHA-256) and a file's bytes ({@code GET /{repo}/resolve/{commit}/{path}},
 * resumed with a {@code Range} header). The endpoint is {@code HF_ENDPOINT} or
 * https://huggingface.co; {@code HF_TOKEN} is sent as a bearer token. Nothing here runs unless a
 * user asks for a fetch. Reads the file list itself; the requests go through {@link HubHttp}, the
 * downloads through {@link ResumableDownload}.
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
    private final HubHttp http;
    private final ResumableDownload downloads;

    public HubClient(String endpoint, String token) {
        this.endpoint =
                endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.http =
                new HubHttp(this.endpoint, token == null || token.isBlank() ? null : token.strip());
        this.downloads = new ResumableDownload(http);
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
                http.send(
                        url,
                        null,
                        HttpResponse.BodyHandlers.ofString(),
                        repo,
                        repo + "@" + revision);
        http.check(
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
        downloads.download(url, subject, what, notFound, target, size, sha256, progress);
    }
}
