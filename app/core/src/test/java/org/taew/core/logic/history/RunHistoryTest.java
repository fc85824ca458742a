package org.taew.core.logic.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.util.WorkbenchException;

class RunHistoryTest {
    @TempDir Path dir;

    private Path file() {
        return dir.resolve("home/history.sqlite");
    }

    private static RunRecord general() {
        return Runs.run("general", "{text}", new double[] {1, 0.5, 0}, "d1", "d2", "d3");
    }

    private static RunRecord taskAware() {
        return Runs.run("task-aware", "query: {text}", new double[] {1, 1, 0.5}, "d2", "d1", "d3");
    }

    @Test
    void aRunReadsBackAsItWasRecorded() throws Exception {
        RunRecord r = taskAware();
        long id;
        try (RunHistory h = RunHistory.open(file())) {
            id = h.record(r);
        }
        assertThat(id).isEqualTo(1);
        try (RunHistory h = RunHistory.openForReading(file())) {
            RunRecord back = h.get(id);
            assertThat(back.id()).isEqualTo(id);
            assertThat(back.origin()).isEqualTo(r.origin());
            assertThat(back.data()).isEqualTo(r.data());
            assertThat(back.model()).isEqualTo(r.model());
            assertThat(back.templates()).isEqualTo(r.templates());
            assertThat(back.settings()).isEqualTo(r.settings());
            assertThat(back.times()).isEqualTo(1);
            assertThat(back.created()).isEqualTo(r.created().truncatedTo(ChronoUnit.MILLIS));
            assertThat(back.scores().means()).isEqualTo(r.scores().means());
            assertThat(back.scores().queryIds()).containsExactly("q1", "q2", "q3");
            assertThat(back.scores().perQuery().get("ndcg_cut.10")).containsExactly(1, 1, 0.5);
            assertThat(back.scores().perQuery().get("P.10")).containsExactly(0.5, 0.5, 0.25);
            assertThat(back.scores().top().get("q2"))
                    .extracting(d -> d.docId())
                    .containsExactly("d2", "d1", "d3");
            assertThat(back.mainScore()).isEqualTo(2.5 / 3);
            assertThat(back.configKey()).isEqualTo(r.configKey());
        }
    }

    @Test
    void theSameConfigurationIsOneRunEvaluatedTwice() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            long a = h.record(general());
            long b = h.record(taskAware());
            Thread.sleep(5); // times are kept to the millisecond
            long again = h.record(general());
            assertThat(again).isEqualTo(a);
            assertThat(b).isNotEqualTo(a);
            assertThat(h.count()).isEqualTo(2);
            RunRecord g = h.get(a);
            assertThat(g.times()).isEqualTo(2);
            assertThat(g.evaluated()).isAfterOrEqualTo(g.created());
            // the most recently evaluated first
            assertThat(h.list(RunHistory.Filter.ALL))
                    .extracting(RunRecord::id)
                    .containsExactly(a, b);
        }
    }

    @Test
    void aLaterEvaluationWithMoreMeasuresAddsThemToTheRun() throws Exception {
        RunRecord fewer = general();
        RunRecord.Scores s = fewer.scores();
        Map<String, Double> means = new LinkedHashMap<>(s.means());
        Map<String, double[]> perQuery = new LinkedHashMap<>(s.perQuery());
        means.put("recall.100", 1.0);
        perQuery.put("recall.100", new double[] {1, 1, 1});
        RunRecord more =
                RunRecord.of(
                        fewer.origin(),
                        fewer.data(),
                        fewer.model(),
                        fewer.templates(),
                        fewer.settings(),
                        new RunRecord.Scores(means, s.queryIds(), perQuery, s.top()));
        assertThat(more.configKey()).isEqualTo(fewer.configKey());
        try (RunHistory h = RunHistory.open(file())) {
            long id = h.record(fewer);
            assertThat(h.record(more)).isEqualTo(id);
            assertThat(h.record(fewer)).isEqualTo(id);
            RunRecord back = h.get(id);
            assertThat(back.times()).isEqualTo(3);
            assertThat(back.scores().means().keySet())
                    .containsExactly("ndcg_cut.10", "P.10", "recall.100");
            assertThat(back.scores().perQuery().get("recall.100")).containsExactly(1, 1, 1);
            assertThat(back.scores().queryIds()).containsExactly("q1", "q2", "q3");
        }
    }

    @Test
    void aListingHasTheMeansAndFilters() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(general());
            h.record(taskAware());
            List<RunRecord> all = h.list(RunHistory.Filter.ALL);
            assertThat(all).hasSize(2);
            assertThat(all.get(0).scores().complete()).isFalse();
            assertThat(all.get(0).scores().means()).containsKeys("ndcg_cut.10", "P.10");
            assertThat(h.list(RunHistory.Filter.ALL.withLimit(1))).hasSize(1);
            assertThat(h.list(new RunHistory.Filter("mini", "m", "test", null, "eval", 0)))
                    .hasSize(2);
            assertThat(h.list(new RunHistory.Filter("other", null, null, null, null, 0))).isEmpty();
            assertThat(h.list(new RunHistory.Filter(null, null, null, "an-experiment", null, 0)))
                    .isEmpty();
        }
    }

    @Test
    void aMeanThatIsNotANumberStaysOne() throws Exception {
        RunRecord none = Runs.run("general", "{text}", new double[0]);
        try (RunHistory h = RunHistory.open(file())) {
            long id = h.record(none);
            assertThat(h.get(id).mainScore()).isNaN();
            assertThat(h.get(id).scores().queryIds()).isEmpty();
        }
    }

    @Test
    void theFileSaysWhatItIsAndWhichSchemaItHas() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(general());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            assertThat(one(s, "PRAGMA user_version")).isEqualTo(RunHistory.schemaVersion());
            assertThat(one(s, "PRAGMA application_id")).isEqualTo(0x54414557);
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("wal");
            }
            assertThat(one(s, "SELECT count(*) FROM query_score")).isEqualTo(6);
            assertThat(one(s, "SELECT count(*) FROM ranking")).isEqualTo(9);
        }
        // opening again migrates nothing and keeps the runs
        try (RunHistory h = RunHistory.open(file())) {
            assertThat(h.count()).isEqualTo(1);
        }
    }

    private static int one(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void aHistoryOfANewerWorkbenchIsLeftAlone() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(general());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version=" + (RunHistory.schemaVersion() + 1));
        }
        assertThatThrownBy(() -> RunHistory.open(file()))
                .isInstanceOf(WorkbenchException.class)
                .hasMessage(
                        file()
                                + ": written by a newer workbench (history schema 3; this one reads"
                                + " up to 2)");
        assertThatThrownBy(() -> RunHistory.openForReading(file()))
                .hasMessageContaining("newer workbench");
    }

    @Test
    void anotherProgramsDatabaseIsRefusedUntouched() throws Exception {
        Files.createDirectories(file().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (x TEXT)");
        }
        byte[] before = Files.readAllBytes(file());
        assertThatThrownBy(() -> RunHistory.open(file()))
                .hasMessage(
                        file()
                                + ": an SQLite database of another program, not a workbench history");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }

    @Test
    void aCorruptFileIsReportedAndKept() throws Exception {
        Files.createDirectories(file().getParent());
        byte[] junk = new byte[8192];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
        }
        Files.write(file(), junk);
        assertThatThrownBy(() -> RunHistory.open(file()))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(file() + ": not a readable history database")
                .hasMessageContaining("move it aside");
        assertThat(Files.readAllBytes(file())).isEqualTo(junk);
        assertThatThrownBy(() -> RunHistory.openForReading(file()))
                .hasMessageContaining("not a readable history database");
    }

    @Test
    void aFolderInItsPlaceIsReported() throws Exception {
        Files.createDirectories(file());
        assertThatThrownBy(() -> RunHistory.open(file()))
                .hasMessage(file() + ": is a folder, not a history database; move it aside");
    }

    @Test
    void nothingRecordedYetIsSaidSo() {
        assertThatThrownBy(() -> RunHistory.openForReading(file()))
                .hasMessageContaining("no run history yet");
    }

    @Test
    void aLockedHistoryIsReportedAfterWaitingAndWorksAgainAfterwards() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(general());
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            try (RunHistory h = RunHistory.open(file(), Duration.ofMillis(200))) {
                assertThatThrownBy(() -> h.record(taskAware()))
                        .isInstanceOf(WorkbenchException.class)
                        .hasMessage(
                                file()
                                        + ": the history database is locked by another program"
                                        + " (waited 200 ms); close it or try again");
            }
            s.execute("ROLLBACK");
        }
        try (RunHistory h = RunHistory.open(file())) {
            h.record(taskAware());
            assertThat(h.count()).isEqualTo(2);
        }
    }

    /**
     * Makes the history file read-only: immutable for root (who may write any file whose mode
     * forbids it), by its mode for anyone else. Returns what undoes it.
     */
    /** Makes {@code f} read-only (for root: immutable); the result undoes it. */
    static AutoCloseable readOnly(Path f) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            Process p = new ProcessBuilder("chattr", "+i", f.toString()).inheritIO().start();
            assumeTrue(p.waitFor() == 0, "chattr +i is not allowed here");
            return () -> new ProcessBuilder("chattr", "-i", f.toString()).start().waitFor();
        }
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        return () -> Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void aReadOnlyHistoryIsReportedAndStillReadable() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(general());
        }
        // the WAL is merged into the database when the last connection closes
        AutoCloseable undo = readOnly(file());
        try {
            assertThatThrownBy(
                            () -> {
                                try (RunHistory h = RunHistory.open(file())) {
                                    h.record(taskAware());
                                }
                            })
                    .hasMessageContaining("cannot be");
            try (RunHistory h = RunHistory.openForReading(file())) {
                assertThat(h.count()).isEqualTo(1);
            }
        } finally {
            undo.close();
        }
    }

    @Test
    void twoWritersAtOnceBothLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                writers.add(
                        () -> {
                            try (RunHistory h = RunHistory.open(file())) {
                                for (int i = 0; i < 25; i++) {
                                    h.record(
                                            Runs.run(
                                                    "w" + writer,
                                                    "w" + writer + " " + i + ": {text}",
                                                    new double[] {i / 25.0, 1},
                                                    "d1"));
                                }
                            }
                            return 25;
                        });
            }
            for (Future<Integer> f : pool.invokeAll(writers)) {
                assertThat(f.get()).isEqualTo(25);
            }
        } finally {
            pool.shutdown();
        }
        try (RunHistory h = RunHistory.open(file())) {
            assertThat(h.count()).isEqualTo(50);
        }
    }

    @Test
    void manyFirstOpensOfOneNewFileAllSeeAHistory() throws Exception {
        // each open's first look at a new file raced the first migration of another
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 100; round++) {
                Path fresh = dir.resolve("race-" + round + ".sqlite");
                CyclicBarrier start = new CyclicBarrier(4);
                List<Callable<Integer>> openers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    openers.add(
                            () -> {
                                start.await();
                                try (RunHistory h = RunHistory.open(fresh)) {
                                    return h.count();
                                }
                            });
                }
                for (Future<Integer> f : pool.invokeAll(openers)) {
                    assertThat(f.get()).isZero();
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anotherProgramRecordingAtTheSameTimeLandsToo() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(general());
        }
        Process other =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                HistoryWriterProcess.class.getName(),
                                file().toString(),
                                "other",
                                "40")
                        .redirectErrorStream(true)
                        .start();
        try (RunHistory h = RunHistory.open(file())) {
            for (int i = 0; i < 40; i++) {
                h.record(Runs.run("this", "this " + i + ": {text}", new double[] {1, 0}, "d2"));
            }
        }
        String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor()).as(said).isZero();
        try (RunHistory h = RunHistory.open(file())) {
            assertThat(h.count()).isEqualTo(81);
            assertThat(h.list(RunHistory.Filter.ALL))
                    .filteredOn(r -> r.origin().label().equals("other"))
                    .hasSize(40);
        }
    }

    @Test
    void pruningKeepsTheRecentAndDeletesTheRest() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(h.record(Runs.run("v" + i, "v" + i + ": {text}", new double[] {1}, "d1")));
            }
            assertThat(h.delete(List.of(ids.get(0), 999L))).isEqualTo(1);
            assertThat(h.prune(2, null).runs()).isEqualTo(2);
            assertThat(h.list(RunHistory.Filter.ALL))
                    .extracting(RunRecord::id)
                    .containsExactly(ids.get(4), ids.get(3));
            assertThat(h.prune(-1, Instant.now().minusSeconds(3600)).runs()).isZero();
            assertThat(h.prune(-1, Instant.now().plusSeconds(1)).runs()).isEqualTo(2);
            assertThat(h.count()).isZero();
            // deleted ids are not given again
            assertThat(h.record(general())).isEqualTo(6);
            assertThatThrownBy(() -> h.get(1))
                    .hasMessage("no run 1 in " + file() + " (taew runs list shows them)");
        }
    }
}
