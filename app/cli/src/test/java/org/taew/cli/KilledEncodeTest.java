package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long encode killed part-way (SIGKILL: no shutdown hook, no finally) keeps the batches it
 * finished: the embedding cache appends them as they complete, so a second run encodes only the
 * rest, and its vectors equal those of a run that never stopped.
 */
class KilledEncodeTest {
    private static final int TEXTS = 600;
    private static final int RECORD_BYTES = 32 + 4 + 4 * 384 + 4;
    private static final Pattern REPORT =
            Pattern.compile("(\\d+) texts, (\\d+) from cache, (\\d+) encoded");

    @TempDir Path tmp;

    @Test
    void aKilledEncodeResumesWhereItStopped() throws Exception {
        Path input = tmp.resolve("texts.txt");
        Files.write(input, texts(), StandardCharsets.UTF_8);
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        // the bundled models the build extracted already, so the child starts encoding at once
        Path sharedModels = Path.of(System.getProperty("taew.home")).resolve("models");
        if (Files.isDirectory(sharedModels)) {
            Files.createSymbolicLink(home.resolve("models"), sharedModels);
        }
        List<String> args =
                List.of(
                        "encode",
                        "--home",
                        home.toString(),
                        "--workspace",
                        CliRun.workspace().toString(),
                        "--no-progress",
                        "--input",
                        input.toString(),
                        "-o");

        List<String> killedArgs = new ArrayList<>(args);
        killedArgs.add(tmp.resolve("killed.npy").toString());
        ChildCli child = ChildCli.start(killedArgs, tmp.resolve("child.log"));
        Path embeddings = home.resolve("embeddings");
        long records = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (records < 20 && child.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            records = cachedRecords(embeddings);
        }
        child.kill("encoding");
        long kept = cachedRecords(embeddings);
        assertThat(kept)
                .as("batches finished before the kill are on disk")
                .isGreaterThanOrEqualTo(20);
        assertThat(kept).isLessThan(TEXTS);

        List<String> resumedArgs = new ArrayList<>(args);
        resumedArgs.add(tmp.resolve("resumed.npy").toString());
        CliRun resumed = CliRun.of(resumedArgs.toArray(new String[0]));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Matcher m = REPORT.matcher(resumed.out());
        assertThat(m.find()).as(resumed.out()).isTrue();
        int fromCache = Integer.parseInt(m.group(2));
        int encoded = Integer.parseInt(m.group(3));
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(TEXTS);
        // a record torn by the kill is dropped on opening and encoded again
        assertThat(fromCache).isBetween((int) kept - 1, (int) kept);
        assertThat(encoded).isEqualTo(TEXTS - fromCache);

        List<String> freshArgs = new ArrayList<>(args);
        freshArgs.add(tmp.resolve("fresh.npy").toString());
        freshArgs.add("--no-cache");
        CliRun fresh = CliRun.of(freshArgs.toArray(new String[0]));
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        float[] a = readNpy(tmp.resolve("resumed.npy"));
        float[] b = readNpy(tmp.resolve("fresh.npy"));
        assertThat(a).hasSize(TEXTS * 384);
        for (int row = 0; row < TEXTS; row++) {
            double dot = 0;
            for (int i = 0; i < 384; i++) {
                dot += (double) a[row * 384 + i] * b[row * 384 + i];
            }
            assertThat(dot)
                    .as("row %d: resumed vector equals a fresh one", row)
                    .isGreaterThan(0.99999);
        }
    }

    /** The float32 values of a .npy file the encode command wrote. */
    private static float[] readNpy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        ByteBuffer data =
                ByteBuffer.wrap(bytes, 10 + headerLen, bytes.length - 10 - headerLen)
                        .order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[data.remaining() / 4];
        data.asFloatBuffer().get(out);
        return out;
    }

    private static long cachedRecords(Path embeddings) throws IOException {
        if (!Files.isDirectory(embeddings)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(embeddings)) {
            Optional<Path> emb = files.filter(f -> f.toString().endsWith(".emb")).findFirst();
            return emb.isEmpty() ? 0 : Math.max(0, (Files.size(emb.get()) - 64) / RECORD_BYTES);
        }
    }

    /** Distinct texts of about 60 tokens each, the same every run. */
    private static List<String> texts() {
        String[] words = {
            "printer", "network", "password", "account", "laptop", "screen", "battery", "update",
            "email", "server", "backup", "invoice", "meeting", "calendar", "license", "driver",
            "keyboard", "monitor", "router", "firewall", "install", "crash", "slow", "reset"
        };
        List<String> out = new ArrayList<>();
        long seed = 42;
        for (int t = 0; t < TEXTS; t++) {
            StringBuilder sb = new StringBuilder("ticket " + t + ":");
            for (int w = 0; w < 50; w++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                sb.append(' ').append(words[(int) ((seed >>> 33) % words.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }
}
