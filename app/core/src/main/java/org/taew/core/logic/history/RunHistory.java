package org.taew.core.logic.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.WorkbenchException;

/**
 * The run history: every evaluation, in an SQLite database in the workbench home ({@code
 * history.sqlite}, WAL mode, so the desktop and a command line can record at the same time; a
 * writer waits up to {@link #BUSY_TIMEOUT} for another). Schema in docs/formats.md, "Run history";
 * any SQLite tool can open it. A locked, read-only, corrupt or newer file is one {@link
 * WorkbenchException} with a message that says which and what to do; the file is never changed
 * then.
 */
public final class RunHistory implements AutoCloseable {
    /** How long a writer waits for another to finish. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private static final String RUN_COLUMNS =
            "id, created, evaluated, times, source, label, experiment, dataset, dataset_path, split,"
                    + " dataset_fingerprint, queries, documents, task, model, model_identity, engine,"
                    + " workbench_version, query_template, document_template,"
                    + " exclude_instruction_from_pooling, main_measure, depth, ignore_identical_ids";

    private final Path file;
    private final Connection connection;
    private final Duration busy;

    /**
     * Which runs to list; null fields match every run.
     *
     * @param limit at most this many, newest first (0: all)
     */
    public record Filter(
            String dataset,
            String model,
            String split,
            String experiment,
            String source,
            int limit) {
        public static final Filter ALL = new Filter(null, null, null, null, null, 0);

        public Filter withLimit(int n) {
            return new Filter(dataset, model, split, experiment, source, n);
        }
    }

    private RunHistory(Path file, Connection connection, Duration busy) {
        this.file = file;
        this.connection = connection;
        this.busy = busy;
    }

    /** Opens the history, creating it (and its folder) or upgrading its schema as needed. */
    public static RunHistory open(Path file) throws WorkbenchException {
        return open(file, BUSY_TIMEOUT);
    }

    /** As {@link #open(Path)}, waiting at most {@code busy} for another writer. */
    public static RunHistory open(Path file, Duration busy) throws WorkbenchException {
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
            RunHistory h = new RunHistory(file, c, busy);
            h.checkOwner();
            try (Statement s = c.createStatement()) {
                // WAL: readers never block the writer and one writer never blocks readers
                s.execute("PRAGMA journal_mode=WAL");
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
     * Opens the history to read it, changing nothing: works on a read-only file too. A missing file
     * is a {@link WorkbenchException} saying that nothing was recorded yet.
     */
    public static RunHistory openForReading(Path file) throws WorkbenchException {
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
            RunHistory h = new RunHistory(file, c, BUSY_TIMEOUT);
            h.checkOwner();
            int version = h.pragma("user_version");
            if (version < HistorySchema.VERSION) {
                closeQuietly(c);
                // an older schema: upgrading needs write access
                return open(file);
            }
            return h;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(file, BUSY_TIMEOUT, e);
        } catch (WorkbenchException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Where the history is. */
    public Path file() {
        return file;
    }

    /** The schema version this workbench writes. */
    public static int schemaVersion() {
        return HistorySchema.VERSION;
    }

    /** A file that is an SQLite database but not a workbench history is refused untouched. */
    private void checkOwner() throws SQLException, WorkbenchException {
        int app = pragma("application_id");
        int version = pragma("user_version");
        if (app != 0 && app != HistorySchema.APPLICATION_ID) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    file + ": an SQLite database of another program, not a workbench history");
        }
        if (app == 0 && version == 0 && hasTables()) {
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

    private boolean hasTables() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return r.next() && r.getInt(1) > 0;
        }
    }

    private int pragma(String name) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getInt(1) : 0;
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

    /**
     * Records a run and returns its id. A run whose configuration ({@link RunRecord#configKey()})
     * is recorded already is not stored twice: that run's last evaluation time and count are
     * updated, the measures it lacks are added, and its id returned.
     */
    public long record(RunRecord r) throws WorkbenchException {
        String key = r.configKey();
        String now = TIME.format(r.evaluated());
        return transaction(
                () -> {
                    long id = existing(key);
                    if (id == 0) {
                        return insert(r, key);
                    }
                    try (PreparedStatement u =
                            connection.prepareStatement(
                                    "UPDATE run SET evaluated = ?, times = times + 1 WHERE id = ?")) {
                        u.setString(1, now);
                        u.setLong(2, id);
                        u.executeUpdate();
                    }
                    addMeasures(id, r.scores(), stored(id));
                    return id;
                });
    }

    /** Work on the database. */
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one write transaction: all of it lands, or none. */
    private <T> T transaction(SqlWork<T> work) throws WorkbenchException {
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
            throw failure(file, busy, e);
        }
    }

    private long existing(String key) throws SQLException {
        try (PreparedStatement q =
                connection.prepareStatement("SELECT id FROM run WHERE config_key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private long insert(RunRecord r, String key) throws SQLException {
        long id;
        try (PreparedStatement p =
                connection.prepareStatement(
                        "INSERT INTO run (config_key, created, evaluated, times, source, label,"
                                + " experiment, dataset, dataset_path, split, dataset_fingerprint,"
                                + " queries, documents, task, model, model_identity, engine,"
                                + " workbench_version, query_template, document_template,"
                                + " exclude_instruction_from_pooling, main_measure, main_score, depth,"
                                + " ignore_identical_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            int i = 0;
            p.setString(++i, key);
            p.setString(++i, TIME.format(r.created()));
            p.setString(++i, TIME.format(r.evaluated()));
            p.setInt(++i, r.times());
            p.setString(++i, r.origin().source());
            p.setString(++i, r.origin().label());
            p.setString(++i, r.origin().experiment());
            p.setString(++i, r.data().name());
            p.setString(++i, r.data().path());
            p.setString(++i, r.data().split());
            p.setString(++i, r.data().fingerprint());
            p.setInt(++i, r.data().queries());
            p.setInt(++i, r.data().documents());
            p.setString(++i, r.data().task());
            p.setString(++i, r.model().name());
            p.setString(++i, r.model().identity());
            p.setString(++i, r.model().engine());
            p.setString(++i, r.model().version());
            p.setString(++i, r.templates().query());
            p.setString(++i, r.templates().document());
            p.setInt(++i, r.templates().excludeInstructionFromPooling() ? 1 : 0);
            p.setString(++i, r.settings().mainMeasure());
            setNumber(p, ++i, r.mainScore());
            p.setInt(++i, r.settings().depth());
            p.setInt(++i, r.settings().ignoreIdenticalIds() ? 1 : 0);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        RunRecord.Scores s = r.scores();
        addMeasures(id, s, List.of());
        try (PreparedStatement t =
                connection.prepareStatement(
                        "INSERT INTO ranking (run_id, query_id, rank, doc_id, score)"
                                + " VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, List<ScoredDoc>> e : s.top().entrySet()) {
                int rank = 0;
                for (ScoredDoc d : e.getValue()) {
                    t.setLong(1, id);
                    t.setString(2, e.getKey());
                    t.setInt(3, ++rank);
                    t.setString(4, d.docId());
                    t.setDouble(5, d.score());
                    t.addBatch();
                }
            }
            t.executeBatch();
        }
        return id;
    }

    /** The names of the measures a run has, in order. */
    private List<String> stored(long id) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement p =
                connection.prepareStatement(
                        "SELECT name FROM measure WHERE run_id = ? ORDER BY position")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Adds the measures of {@code s} that are not among {@code stored}, after them. */
    private void addMeasures(long id, RunRecord.Scores s, List<String> stored) throws SQLException {
        try (PreparedStatement m =
                connection.prepareStatement(
                        "INSERT INTO measure (run_id, position, name, mean) VALUES (?, ?, ?, ?)")) {
            int pos = stored.size();
            for (Map.Entry<String, Double> e : s.means().entrySet()) {
                if (stored.contains(e.getKey())) {
                    continue;
                }
                m.setLong(1, id);
                m.setInt(2, pos++);
                m.setString(3, e.getKey());
                setNumber(m, 4, e.getValue());
                m.addBatch();
            }
            m.executeBatch();
        }
        try (PreparedStatement q =
                connection.prepareStatement(
                        "INSERT INTO query_score (run_id, measure, position, query_id, value)"
                                + " VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, double[]> e : s.perQuery().entrySet()) {
                if (stored.contains(e.getKey())) {
                    continue;
                }
                double[] v = e.getValue();
                for (int k = 0; k < v.length; k++) {
                    q.setLong(1, id);
                    q.setString(2, e.getKey());
                    q.setInt(3, k);
                    q.setString(4, s.queryIds().get(k));
                    q.setDouble(5, v[k]);
                    q.addBatch();
                }
            }
            q.executeBatch();
        }
    }

    /** SQLite stores NaN as NULL; so does this, explicitly. */
    private static void setNumber(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }

    /** The runs the filter matches, newest first, with their means (no per-query values). */
    public List<RunRecord> list(Filter f) throws WorkbenchException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        condition(where, args, "dataset", f.dataset());
        condition(where, args, "model", f.model());
        condition(where, args, "split", f.split());
        condition(where, args, "experiment", f.experiment());
        condition(where, args, "source", f.source());
        String runs =
                "SELECT "
                        + RUN_COLUMNS
                        + " FROM run"
                        + where
                        + " ORDER BY evaluated DESC, id DESC"
                        + (f.limit() > 0 ? " LIMIT " + f.limit() : "");
        try {
            Map<Long, Row> rows = new LinkedHashMap<>();
            try (PreparedStatement p = connection.prepareStatement(runs)) {
                bind(p, args);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Row row = row(rs);
                        rows.put(row.id, row);
                    }
                }
            }
            if (!rows.isEmpty()) {
                try (PreparedStatement p =
                        connection.prepareStatement(
                                "SELECT run_id, name, mean FROM measure WHERE run_id IN (SELECT id"
                                        + " FROM ("
                                        + runs.replace("SELECT " + RUN_COLUMNS, "SELECT id")
                                        + ")) ORDER BY run_id, position")) {
                    bind(p, args);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            Row row = rows.get(rs.getLong(1));
                            if (row != null) {
                                row.means.put(rs.getString(2), number(rs, 3));
                            }
                        }
                    }
                }
            }
            List<RunRecord> out = new ArrayList<>();
            for (Row row : rows.values()) {
                out.add(row.toRecord(List.of(), Map.of(), Map.of()));
            }
            return out;
        } catch (SQLException e) {
            throw failure(file, busy, e);
        }
    }

    /** A run with everything: per-query values and top documents. */
    public RunRecord get(long id) throws WorkbenchException {
        try {
            Row row;
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT " + RUN_COLUMNS + " FROM run WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw WorkbenchException.badInput(
                                "no run " + id + " in " + file + " (taew runs list shows them)");
                    }
                    row = row(rs);
                }
            }
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT name, mean FROM measure WHERE run_id = ? ORDER BY position")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        row.means.put(rs.getString(1), number(rs, 2));
                    }
                }
            }
            List<String> queryIds = new ArrayList<>();
            Map<String, List<Double>> values = new LinkedHashMap<>();
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT q.measure, q.query_id, q.value FROM query_score q JOIN measure m"
                                    + " ON m.run_id = q.run_id AND m.name = q.measure"
                                    + " WHERE q.run_id = ? ORDER BY m.position, q.position")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    String first = null;
                    while (rs.next()) {
                        String measure = rs.getString(1);
                        if (first == null) {
                            first = measure;
                        }
                        if (measure.equals(first)) {
                            queryIds.add(rs.getString(2));
                        }
                        values.computeIfAbsent(measure, k -> new ArrayList<>())
                                .add(rs.getDouble(3));
                    }
                }
            }
            Map<String, double[]> perQuery = new LinkedHashMap<>();
            values.forEach(
                    (k, v) ->
                            perQuery.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            Map<String, List<ScoredDoc>> top = new LinkedHashMap<>();
            for (String q : queryIds) {
                top.put(q, new ArrayList<>());
            }
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT query_id, doc_id, score FROM ranking WHERE run_id = ?"
                                    + " ORDER BY query_id, rank")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        top.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new ScoredDoc(rs.getString(2), rs.getFloat(3)));
                    }
                }
            }
            return row.toRecord(queryIds, perQuery, top);
        } catch (SQLException e) {
            throw failure(file, busy, e);
        }
    }

    /** How many runs there are. */
    public int count() throws WorkbenchException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM run")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failure(file, busy, e);
        }
    }

    /** Deletes the runs with these ids; returns how many there were. */
    public int delete(Collection<Long> ids) throws WorkbenchException {
        return update("DELETE FROM run WHERE id = ?", ids);
    }

    /**
     * Deletes every run but the {@code keep} most recently evaluated (when {@code keep >= 0}) and
     * every run last evaluated before {@code before} (when not null); returns how many.
     */
    public int prune(int keep, Instant before) throws WorkbenchException {
        List<Long> doomed = new ArrayList<>();
        try {
            if (keep >= 0) {
                try (PreparedStatement p =
                        connection.prepareStatement(
                                "SELECT id FROM run ORDER BY evaluated DESC, id DESC LIMIT -1"
                                        + " OFFSET ?")) {
                    p.setInt(1, keep);
                    collect(p, doomed);
                }
            }
            if (before != null) {
                try (PreparedStatement p =
                        connection.prepareStatement("SELECT id FROM run WHERE evaluated < ?")) {
                    p.setString(1, TIME.format(before));
                    collect(p, doomed);
                }
            }
        } catch (SQLException e) {
            throw failure(file, busy, e);
        }
        int n = delete(new LinkedHashSet<>(doomed));
        if (n > 0) {
            try (Statement s = connection.createStatement()) {
                s.execute("VACUUM");
            } catch (SQLException e) {
                throw failure(file, busy, e);
            }
        }
        return n;
    }

    private static void collect(PreparedStatement p, List<Long> into) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getLong(1));
            }
        }
    }

    private int update(String sql, Collection<Long> ids) throws WorkbenchException {
        return transaction(
                () -> {
                    try (PreparedStatement p = connection.prepareStatement(sql)) {
                        int n = 0;
                        for (long id : ids) {
                            p.setLong(1, id);
                            n += p.executeUpdate();
                        }
                        return n;
                    }
                });
    }

    private static void condition(StringBuilder where, List<String> args, String col, String v) {
        if (v != null) {
            where.append(" AND ").append(col).append(" = ?");
            args.add(v);
        }
    }

    private static void bind(PreparedStatement p, List<String> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            p.setString(i + 1, args.get(i));
        }
    }

    private static double number(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** A run's row, before its scores are read. */
    private static final class Row {
        long id;
        RunRecord base;
        final Map<String, Double> means = new LinkedHashMap<>();

        RunRecord toRecord(
                List<String> queryIds,
                Map<String, double[]> perQuery,
                Map<String, List<ScoredDoc>> top) {
            return new RunRecord(
                    base.id(),
                    base.created(),
                    base.evaluated(),
                    base.times(),
                    base.origin(),
                    base.data(),
                    base.model(),
                    base.templates(),
                    base.settings(),
                    new RunRecord.Scores(means, queryIds, perQuery, top));
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        Row row = new Row();
        row.id = rs.getLong("id");
        row.base =
                new RunRecord(
                        row.id,
                        Instant.from(TIME.parse(rs.getString("created"))),
                        Instant.from(TIME.parse(rs.getString("evaluated"))),
                        rs.getInt("times"),
                        new RunRecord.Origin(
                                rs.getString("source"),
                                rs.getString("label"),
                                rs.getString("experiment")),
                        new RunRecord.Data(
                                rs.getString("dataset"),
                                rs.getString("dataset_path"),
                                rs.getString("split"),
                                rs.getString("dataset_fingerprint"),
                                rs.getInt("queries"),
                                rs.getInt("documents"),
                                rs.getString("task")),
                        new RunRecord.Model(
                                rs.getString("model"),
                                rs.getString("model_identity"),
                                rs.getString("engine"),
                                rs.getString("workbench_version")),
                        new RunRecord.Templates(
                                rs.getString("query_template"),
                                rs.getString("document_template"),
                                rs.getInt("exclude_instruction_from_pooling") != 0),
                        new RunRecord.Settings(
                                rs.getString("main_measure"),
                                rs.getInt("depth"),
                                rs.getInt("ignore_identical_ids") != 0),
                        new RunRecord.Scores(Map.of(), List.of(), Map.of(), Map.of()));
        return row;
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
