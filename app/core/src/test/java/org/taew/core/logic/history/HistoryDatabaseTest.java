package org.taew.core.logic.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.taew.core.util.WorkbenchException;

class HistoryDatabaseTest {
    @TempDir Path dir;

    @Test
    void aLockedDatabaseSaysHowLongItWaited() {
        SQLiteException busy = new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY);
        Path file = dir.resolve("history.sqlite");
        assertThat(HistoryDatabase.failure(file, Duration.ofMillis(200), busy))
                .hasMessageContaining("locked by another program (waited 200 ms)");
        assertThat(HistoryDatabase.failure(file, Duration.ofSeconds(10), busy))
                .hasMessageContaining("locked by another program (waited 10 s)");
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() throws Exception {
        try (HistoryDatabase db =
                HistoryDatabase.open(dir.resolve("history.sqlite"), Duration.ofSeconds(1))) {
            assertThatThrownBy(
                            () ->
                                    db.transaction(
                                            () -> {
                                                try (Statement s =
                                                        db.connection().createStatement()) {
                                                    s.execute("CREATE TABLE scratch (x)");
                                                }
                                                throw new SQLException("stop here");
                                            }))
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining("stop here");
            try (Statement s = db.connection().createStatement();
                    ResultSet r =
                            s.executeQuery(
                                    "SELECT count(*) FROM sqlite_master WHERE name = 'scratch'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isZero();
            }
        }
    }
}
