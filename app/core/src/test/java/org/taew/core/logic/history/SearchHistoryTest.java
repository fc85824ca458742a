package org.taew.core.logic.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instruction searches in the run history: written whole, read back, pruned, migrated to. */
class SearchHistoryTest {
    @TempDir Path dir;

    private Path file() {
        return dir.resolve("home/history.sqlite");
    }

    static SearchRecord search(String dataset, Instant created, String chosen) {
        RunRecord.Templates card = new RunRecord.Templates("Represent: {text}", "{text}", false);
        RunRecord.Templates mine = new RunRecord.Templates("Find: {text}", "passage: {text}", true);
        return new SearchRecord(
                0,
                created.truncatedTo(ChronoUnit.MILLIS),
                new RunRecord.Data(dataset, "/data/" + dataset, "test", "fp", 40, 300, "retrieval"),
                new RunRecord.Model("bge-small", "id-1", "OnnxRuntime on CPU", "0.1.0"),
                new SearchRecord.Trace(
                        "proposed",
                        "ndcg_cut.10",
                        new SearchRecord.Spent("nested 5-fold", 12, 1, 150, 410, 96, 3.5, 2.25),
                        chosen,
                        "Recommendation: keep general.",
                        List.of(
                                new SearchRecord.Step(
                                        1, 1, "card", "model card", card, 4, 0.5, true),
                                new SearchRecord.Step(
                                        1, 1, "mine", "file", mine, 4, Double.NaN, false),
                                new SearchRecord.Step(
                                        0, 2, "card", "model card", card, 9, 0.625, true))));
    }

    @Test
    void aSearchReadsBackAsItWasRecordedWithEveryStep() throws Exception {
        SearchRecord s = search("helpdesk", Instant.now(), "card");
        long id;
        try (RunHistory h = RunHistory.open(file())) {
            id = h.recordSearch(s);
            h.recordSearch(search("scifact", Instant.now(), "mine"));
        }
        try (RunHistory h = RunHistory.openForReading(file())) {
            SearchRecord back = h.search(id);
            assertThat(back.id()).isEqualTo(id);
            assertThat(back.created()).isEqualTo(s.created());
            assertThat(back.data()).isEqualTo(s.data());
            assertThat(back.model()).isEqualTo(s.model());
            assertThat(back.trace()).isEqualTo(s.trace()); // NaN's step too
            assertThat(back.trace().searches()).isEqualTo(2);
            assertThat(h.searchCount()).isEqualTo(2);
            assertThat(h.searches("scifact", null, 0))
                    .extracting(x -> x.trace().chosen())
                    .containsExactly("mine");
            assertThat(h.searches(null, "bge-small", 1)).hasSize(1);
            // a listing leaves the steps out; search(id) reads them
            assertThat(h.searches("helpdesk", null, 0).get(0).trace().steps()).isEmpty();
            assertThat(h.searches(null, "other", 0)).isEmpty();
            // searches are not runs
            assertThat(h.count()).isZero();
            assertThatThrownBy(() -> h.search(99))
                    .hasMessage("no search 99 in " + file() + " (taew runs searches lists them)");
        }
    }

    @Test
    void stepsAreShownSearchBySearchRoundByRoundBestFirstUndefinedLast() {
        RunRecord.Templates t = new RunRecord.Templates("{text}", "{text}", false);
        SearchRecord.Step undefined =
                new SearchRecord.Step(0, 1, "u", "o", t, 4, Double.NaN, false);
        SearchRecord.Step low = new SearchRecord.Step(0, 1, "l", "o", t, 4, 0.2, false);
        SearchRecord.Step high = new SearchRecord.Step(0, 1, "h", "o", t, 4, 0.9, true);
        SearchRecord.Step later = new SearchRecord.Step(0, 2, "h", "o", t, 9, 0.1, true);
        SearchRecord.Step fold = new SearchRecord.Step(1, 1, "f", "o", t, 4, 1.0, true);
        assertThat(
                        Stream.of(fold, later, undefined, low, high)
                                .sorted(SearchRecord.Step.SHOWN)
                                .toList())
                .containsExactly(high, low, undefined, later, fold);
    }

    @Test
    void pruningTakesTheSearchesAsOldAsTheRunsItDeletes() throws Exception {
        Instant now = Instant.now();
        try (RunHistory h = RunHistory.open(file())) {
            h.recordSearch(search("old", now.minusSeconds(7200), "card"));
            h.record(Runs.run("v1", "v1: {text}", new double[] {1}, "d1"));
            h.record(Runs.run("v2", "v2: {text}", new double[] {1}, "d1"));
            h.recordSearch(search("new", now.plusSeconds(5), "card"));
            // nothing to prune: the searches stay too
            assertThat(h.prune(2, null)).isEqualTo(new Pruned(0, 0));
            // one run goes; the search older than the run kept goes, the newer one stays
            assertThat(h.prune(1, null)).isEqualTo(new Pruned(1, 1));
            assertThat(h.searches(null, null, 0))
                    .extracting(x -> x.data().name())
                    .containsExactly("new");
            assertThat(h.prune(-1, now.plusSeconds(60))).isEqualTo(new Pruned(1, 1));
            assertThat(h.searchCount()).isZero();
            h.recordSearch(search("again", now, "card"));
            assertThat(h.prune(0, null)).isEqualTo(new Pruned(0, 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM search_step")) {
            r.next();
            assertThat(r.getInt(1)).as("the steps went with their searches").isZero();
        }
    }

    @Test
    void aReadOnlyHistoryOfSchemaOneIsReadAsItIsWithNoSearches() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(Runs.run("general", "{text}", new double[] {1}, "d1"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE search_step");
            s.execute("DROP TABLE search");
            s.execute("PRAGMA user_version=1");
            s.execute("PRAGMA journal_mode=DELETE"); // no WAL files needed to read it
        }
        AutoCloseable undo = RunHistoryTest.readOnly(file());
        try (RunHistory h = RunHistory.openForReading(file())) {
            assertThat(h.count()).isEqualTo(1);
            assertThat(h.searchCount()).isZero();
            assertThat(h.searches(null, null, 0)).isEmpty();
            assertThatThrownBy(() -> h.search(1))
                    .hasMessage("no search 1 in " + file() + " (it keeps no searches yet)");
        } finally {
            undo.close();
        }
    }

    @Test
    void aHistoryOfSchemaOneGainsTheSearchTablesAndKeepsItsRuns() throws Exception {
        try (RunHistory h = RunHistory.open(file())) {
            h.record(Runs.run("general", "{text}", new double[] {1}, "d1"));
        }
        // made a version-1 file, as the workbench wrote it before searches were kept
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE search_step");
            s.execute("DROP TABLE search");
            s.execute("PRAGMA user_version=1");
        }
        // the runs a version-1 file holds stay through the upgrade
        try (RunHistory h = RunHistory.open(file())) {
            assertThat(h.count()).isEqualTo(1);
            assertThat(h.recordSearch(search("d", Instant.now(), "card"))).isEqualTo(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA user_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(RunHistory.schemaVersion()).isEqualTo(2);
        }
    }
}
