package org.taew.core.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.taew.core.util.Hashing;

/**
 * A stand-in for the Hugging Face Hub on the loopback address, for tests: serves repositories the
 * way the Hub's API and {@code resolve} URLs do (file list with sizes and LFS SHA-256 at {@code
 * /api/models/ORG/NAME/revision/REV?blobs=true}, bytes with {@code Range} support at {@code
 * /ORG/NAME/resolve/COMMIT/PATH}), and injects faults: a status for a repository, a connection cut
 * part-way through a file, corrupted bytes, a required token.
 */
public final class HubFixture implements AutoCloseable {
    private record Repo(String commit, Map<String, Path> files) {}

    private final HttpServer server;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();

    /** Repository → the HTTP status its API and files answer with (403, 429, …). */
    public final Map<String, Integer> status = new ConcurrentHashMap<>();

    /** File path → bytes sent before the connection is cut, once. */
    public final Map<String, Long> cutOnce = new ConcurrentHashMap<>();

    /** File paths served once with a byte flipped. */
    public final List<String> corruptOnce = Collections.synchronizedList(new ArrayList<>());

    /** Plain files by URL path (e.g. {@code /beir/scifact.zip}), served with Range support. */
    public final Map<String, Path> plain = new ConcurrentHashMap<>();

    /** URL path → where it redirects (302), e.g. to another fixture standing for a CDN. */
    public final Map<String, String> redirect = new ConcurrentHashMap<>();

    /** Every request: method, path, Range header, and " [auth]" when it carried a token. */
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    /** When set, requests without {@code Authorization: Bearer <token>} get 401. */
    public volatile String requiredToken;

    private HubFixture(HttpServer server) {
        this.server = server;
    }

    public static HubFixture start() throws IOException {
        HttpServer s =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HubFixture f = new HubFixture(s);
        s.createContext("/", f::handle);
        s.start();
        return f;
    }

    /** The address to give the client, like {@code HF_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code files} as the dataset repository {@code repo} at {@code commit}. */
    public void serveDataset(String repo, String commit, Map<String, Path> files) {
        repos.put("datasets/" + repo, new Repo(commit, new LinkedHashMap<>(files)));
    }

    /** Serves {@code files} (repository path → file on disk) as {@code repo} at {@code commit}. */
    public void serve(String repo, String commit, Map<String, Path> files) {
        repos.put(repo, new Repo(commit, new LinkedHashMap<>(files)));
    }

    /** Every file under {@code folder}, by its path relative to it. */
    public static Map<String, Path> filesOf(Path folder) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.put(folder.relativize(p).toString().replace('\\', '/'), p);
            }
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        String range = ex.getRequestHeaders().getFirst("Range");
        boolean auth = ex.getRequestHeaders().getFirst("Authorization") != null;
        requests.add(
                ex.getRequestMethod()
                        + " "
                        + path
                        + (range == null ? "" : " " + range)
                        + (auth ? " [auth]" : ""));
        try (ex) {
            String to = redirect.get(path);
            if (to != null) {
                ex.getResponseHeaders().add("Location", to);
                send(ex, 302, "");
                return;
            }
            String token = requiredToken;
            if (token != null
                    && !("Bearer " + token)
                            .equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"error\":\"Access to this model is restricted.\"}");
                return;
            }
            Path plainFile = plain.get(path);
            if (plainFile != null) {
                bytes(ex, plainFile, path, range);
            } else if (path.startsWith("/api/models/")) {
                api(ex, path.substring("/api/models/".length()), "");
            } else if (path.startsWith("/api/datasets/")) {
                api(ex, path.substring("/api/datasets/".length()), "datasets/");
            } else if (path.startsWith("/datasets/")) {
                file(ex, path.substring("/datasets/".length()), range, "datasets/");
            } else {
                file(ex, path.substring(1), range, "");
            }
        }
    }

    private void api(HttpExchange ex, String rest, String kind) throws IOException {
        int at = rest.indexOf("/revision/");
        if (at < 0) {
            send(ex, 404, "{}");
            return;
        }
        String repoName = rest.substring(0, at);
        String revision = rest.substring(at + "/revision/".length());
        Repo repo = repos.get(kind + repoName);
        Integer forced = status.get(repoName);
        if (forced != null) {
            if (forced == 429) {
                ex.getResponseHeaders().add("Retry-After", "30");
            }
            send(ex, forced, "{\"error\":\"refused\"}");
            return;
        }
        if (repo == null || !(revision.equals("main") || repo.commit().startsWith(revision))) {
            send(ex, 404, "{\"error\":\"Repository not found\"}");
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("id", repoName);
        o.addProperty("sha", repo.commit());
        o.addProperty("gated", false);
        JsonArray siblings = new JsonArray();
        for (Map.Entry<String, Path> f : repo.files().entrySet()) {
            JsonObject s = new JsonObject();
            s.addProperty("rfilename", f.getKey());
            long size = Files.size(f.getValue());
            s.addProperty("size", size);
            String name = f.getKey();
            if (name.endsWith(".onnx") || name.endsWith(".safetensors") || name.endsWith(".bin")) {
                JsonObject lfs = new JsonObject();
                lfs.addProperty("sha256", sha256(f.getValue()));
                lfs.addProperty("size", size);
                lfs.addProperty("pointerSize", 134);
                s.add("lfs", lfs);
            }
            siblings.add(s);
        }
        o.add("siblings", siblings);
        send(ex, 200, o.toString());
    }

    private void file(HttpExchange ex, String rest, String range, String kind) throws IOException {
        String[] parts = rest.split("/", 5); // org, name, "resolve", commit, path
        if (parts.length < 5 || !parts[2].equals("resolve")) {
            send(ex, 404, "not found");
            return;
        }
        String repoName = parts[0] + "/" + parts[1];
        Integer forced = status.get(repoName);
        if (forced != null) {
            send(ex, forced, "refused");
            return;
        }
        Repo repo = repos.get(kind + repoName);
        Path file =
                repo == null || !repo.commit().equals(parts[3]) ? null : repo.files().get(parts[4]);
        if (file == null) {
            send(ex, 404, "Entry not found");
            return;
        }
        bytes(ex, file, parts[4], range);
    }

    private void bytes(HttpExchange ex, Path file, String key, String range) throws IOException {
        long size = Files.size(file);
        long from = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Long.parseLong(range.substring(6, range.length() - 1));
        }
        if (from >= size && from > 0) {
            send(ex, 416, "");
            return;
        }
        Long cut = cutOnce.remove(key);
        boolean corrupt = corruptOnce.remove(key);
        if (from > 0) {
            ex.getResponseHeaders()
                    .add("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, size - from);
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = ex.getResponseBody()) {
            in.skipNBytes(from);
            byte[] buf = new byte[1 << 16];
            long sent = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (corrupt && sent == 0) {
                    buf[0] ^= 0x5A;
                }
                if (cut != null && sent + n >= cut) {
                    out.write(buf, 0, (int) (cut - sent));
                    out.flush();
                    // drop the connection part-way, as a network failure would
                    throw new IOException("connection cut by the fixture");
                }
                out.write(buf, 0, n);
                sent += n;
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static final Map<Path, String> SHA = new HashMap<>();

    private static synchronized String sha256(Path file) throws IOException {
        String known = SHA.get(file);
        if (known == null) {
            known = Hashing.sha256Hex(file);
            SHA.put(file, known);
        }
        return known;
    }

    /**
     * helpdesk-mini in MTEB's parquet layout, written by arrow-rs ({@code tools/parquet-fixtures}):
     * the corpus in two shards, the queries and the test judgments, by their repository paths.
     */
    public static Map<String, Path> mtebRetrievalParquet() {
        Path dir =
                ShippedWorkspace.project()
                        .resolve("app/core/src/test/resources/parquet/mteb-retrieval");
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name :
                List.of(
                        "corpus/test-00000-of-00002.parquet",
                        "corpus/test-00001-of-00002.parquet",
                        "queries/test-00000-of-00001.parquet",
                        "qrels/test-00000-of-00001.parquet")) {
            files.put(name, dir.resolve(name));
        }
        return files;
    }

    /**
     * A zip as the BEIR site publishes it: a BEIR folder's corpus, queries and test judgments under
     * the top folder {@code name/}.
     */
    public static Path beirZip(Path beirFolder, String name, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (String f : new String[] {"corpus.jsonl", "queries.jsonl", "qrels/test.tsv"}) {
                z.putNextEntry(new ZipEntry(name + "/" + f));
                z.write(Files.readAllBytes(beirFolder.resolve(f)));
            }
        }
        return zip;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
