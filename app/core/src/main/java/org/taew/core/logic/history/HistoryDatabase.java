package org.taew.core.logic.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.taew.core.util.WorkbenchException;

/**
 * The run history's SQLite file: opening it (WAL mode; a writer waits for another), refusing one
 * that is not a workbench history or is newer without changing it, applying the migrations it
 * lacks, running write transactions, and saying what a database failure means to the user.
 */
final class HistoryDatabase implements AutoCloseable {
    /** How long a writer waits for another to finish. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private final Path file;
    private final Connection connection;
    private final Duration busy;

    /** Work on the database. */
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    private HistoryDatabase(Path file, Connection connection, Duration busy) {
        this.file = file;
        this.connection = connection;
        this.busy = busy;
    }

    /** Opens the history, creating it (and its folder) or upgrading its schema as needed. */
    static HistoryDatabase open(Path file, Duration busy) throws WorkbenchException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    file + ": cannot create the history's folder (" + e.getMessage() + ")",
                    e);
        }
        if (Files.isDirectory(file)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    file + ": is a folder, not a history database; move it aside");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) busy.toMillis());
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            HistoryDatabase h = new HistoryDatabase(file, c, busy);
            h.checkOwner();
            h.useWal();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=NORMAL");
            }
            h.migrate();
            return h;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(file, busy, e);
        } catch (WorkbenchException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Opens the history to read it: works on a read-only file too. A file of an older schema is
     * upgraded when it can be written, else read as it is. A missing file is a {@link
     * WorkbenchException} saying that nothing was recorded yet.
     */
    static HistoryDatabase openForReading(Path file) throws WorkbenchException {
        if (!Files.isRegularFile(file)) {
            throw WorkbenchException.badInput(
                    file + ": no run history yet (every evaluation records its runs there)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            HistoryDatabase h = new HistoryDatabase(file, c, BUSY_TIMEOUT);
            h.checkOwner();
            int version = h.pragma("user_version");
            if (version < HistorySchema.VERSION && writable(file)) {
                closeQuietly(c);
                // an older schema: upgraded, which needs write access
                return open(file, BUSY_TIMEOUT);
            }
            // an older schema that cannot be written is read as it is: what it lacks reads empty
            return h;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(file, BUSY_TIMEOUT, e);
        } catch (WorkbenchException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static boolean writable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return Files.isWritable(file) && (dir == null || Files.isWritable(dir));
    }

    /**
     * Whether the file has the table {@code name} (an older schema that could not be upgraded may
     * lack it).
     */
    boolean hasTable(String name) throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        }
    }

    /** Where the history is. */
    Path file() {
        return file;
    }

    /** The connection, for statements outside a transaction and inside {@link #transaction}. */
    Connection connection() {
        return connection;
    }

    /**
     * A file that is an SQLite database but not a workbench history is refused untouched. The
     * owner, the version and whether there are tables are read in one statement, so one snapshot:
     * read one by one, another process's first migration could land between them and its tables be
     * taken for another program's.
     */
    private void checkOwner() throws SQLException, WorkbenchException {
        int app;
        int version;
        boolean tables;
        try (Statement s = connection.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT (SELECT application_id FROM pragma_application_id),"
                                        + " (SELECT user_version FROM pragma_user_version),"
                                        + " (SELECT count(*) FROM sqlite_master)")) {
            r.next();
            app = r.getInt(1);
            version = r.getInt(2);
            tables = r.getInt(3) > 0;
        }
        if ((app != 0 && app != HistorySchema.APPLICATION_ID)
                || (app == 0 && version == 0 && tables)) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    file + ": an SQLite database of another program, not a workbench history");
        }
        if (version > HistorySchema.VERSION) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    file
                            + ": written by a newer workbench (history schema "
                            + version
                            + "; this one reads up to "
                            + HistorySchema.VERSION
                            + ")");
        }
    }

    private int pragma(String name) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /**
     * WAL: readers never block the writer and one writer never blocks readers. The mode stays with
     * the file, so it is set once; setting it needs the file to itself and SQLite answers "busy" at
     * once instead of waiting when another connection (a second program opening a new history at
     * the same moment) has it open, so that is tried again until the busy timeout.
     */
    private void useWal() throws SQLException {
        long deadline = System.nanoTime() + busy.toNanos();
        while (true) {
            try (Statement s = connection.createStatement()) {
                try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                    if (r.next() && "wal".equalsIgnoreCase(r.getString(1))) {
                        return;
                    }
                }
                s.execute("PRAGMA journal_mode=WAL");
                return;
            } catch (SQLiteException e) {
                boolean busyNow =
                        (e.getResultCode().code & 0xFF) == SQLiteErrorCode.SQLITE_BUSY.code;
                if (!busyNow || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Applies the migrations the file lacks, in one transaction. */
    private void migrate() throws SQLException, WorkbenchException {
        if (pragma("user_version") == HistorySchema.VERSION) {
            return;
        }
        connection.setAutoCommit(false);
        try {
            // read again inside the write transaction: another process may have migrated meanwhile
            int version = pragma("user_version");
            checkOwner();
            try (Statement s = connection.createStatement()) {
                for (int v = version; v < HistorySchema.VERSION; v++) {
                    for (String sql : HistorySchema.MIGRATIONS.get(v)) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA application_id=" + HistorySchema.APPLICATION_ID);
                s.execute("PRAGMA user_version=" + HistorySchema.VERSION);
            }
            connection.commit();
        } catch (SQLException | WorkbenchException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Runs {@code work} in one write transaction: all of it lands, or none. */
    <T> T transaction(SqlWork<T> work) throws WorkbenchException {
        try {
            connection.setAutoCommit(false);
            try {
                T t = work.run();
                connection.commit();
                return t;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The user's message for a failure of this database. */
    WorkbenchException failure(SQLException e) {
        return failure(file, busy, e);
    }

    /** The user's message for a database failure. */
    static WorkbenchException failure(Path file, Duration busy, SQLException e) {
        SQLiteErrorCode code =
                e instanceof SQLiteException s
                        ? SQLiteErrorCode.getErrorCode(s.getResultCode().code & 0xFF)
                        : SQLiteErrorCode.UNKNOWN_ERROR;
        String what =
                switch (code) {
                    case SQLITE_BUSY, SQLITE_LOCKED ->
                            "the history database is locked by another program (waited "
                                    + (busy.toMillis() < 1000
                                            ? busy.toMillis() + " ms"
                                            : busy.toSeconds() + " s")
                                    + "); close it or try again";
                    case SQLITE_READONLY, SQLITE_PERM ->
                            "the history database cannot be written (a read-only file or folder)";
                    case SQLITE_CANTOPEN ->
                            "the history database cannot be opened (a missing or read-only folder)";
                    case SQLITE_NOTADB, SQLITE_CORRUPT ->
                            "not a readable history database (corrupt, or another kind of file); it"
                                    + " was left as it is: move it aside to start a new history";
                    case SQLITE_FULL -> "the disk is full";
                    default -> "history database error: " + e.getMessage();
                };
        return new WorkbenchException(WorkbenchException.Kind.IO, file + ": " + what, e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: the failure is what the user is told
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }
}
