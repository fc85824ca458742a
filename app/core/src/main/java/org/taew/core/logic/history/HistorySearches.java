package org.taew.core.logic.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.util.WorkbenchException;

/**
 * The history's instruction searches: one row per search in {@code search}, one per scoring step in
 * {@code search_step}, each search written in one transaction.
 */
final class HistorySearches {
    private static final String COLUMNS =
            "id, created, experiment, dataset, dataset_path, split, dataset_fingerprint, queries,"
                    + " documents, task, model, model_identity, engine, workbench_version, measure,"
                    + " method, proposed, left_out, budget, evaluations, encoded, seconds,"
                    + " encoding_seconds, chosen, recommendation";

    private final HistoryDatabase db;
    private final Connection connection;

    HistorySearches(HistoryDatabase db) {
        this.db = db;
        this.connection = db.connection();
    }

    /** Records a search with every step; returns its id. */
    long record(SearchRecord s) throws WorkbenchException {
        SearchRecord.Trace t = s.trace();
        return db.transaction(
                () -> {
                    long id;
                    try (PreparedStatement p =
                            connection.prepareStatement(
                                    "INSERT INTO search ("
                                            + COLUMNS.substring("id, ".length())
                                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    Statement.RETURN_GENERATED_KEYS)) {
                        int i = 0;
                        p.setString(++i, HistorySchema.TIME.format(s.created()));
                        p.setString(++i, t.experiment());
                        i = HistoryColumns.bind(p, i, s.data());
                        i = HistoryColumns.bind(p, i, s.model());
                        p.setString(++i, t.measure());
                        SearchRecord.Spent x = t.spent();
                        p.setString(++i, x.method());
                        p.setInt(++i, x.proposed());
                        p.setInt(++i, x.leftOut());
                        p.setInt(++i, x.budget());
                        p.setInt(++i, x.evaluations());
                        p.setInt(++i, x.encoded());
                        p.setDouble(++i, x.seconds());
                        p.setDouble(++i, x.encodingSeconds());
                        p.setString(++i, t.chosen());
                        p.setString(++i, t.recommendation());
                        p.executeUpdate();
                        try (ResultSet keys = p.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                    insertSteps(id, t.steps());
                    return id;
                });
    }

    private void insertSteps(long id, List<SearchRecord.Step> steps) throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement(
                        "INSERT INTO search_step (search_id, position, fold, round, wording,"
                                + " origin, query_template, document_template,"
                                + " exclude_instruction_from_pooling, queries, mean, kept) VALUES"
                                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (SearchRecord.Step s : steps) {
                int i = 0;
                p.setLong(++i, id);
                p.setInt(++i, position++);
                p.setInt(++i, s.fold());
                p.setInt(++i, s.round());
                p.setString(++i, s.wording());
                p.setString(++i, s.origin());
                i = HistoryColumns.bind(p, i, s.templates());
                p.setInt(++i, s.queries());
                HistoryColumns.setNumber(p, ++i, s.mean());
                p.setInt(++i, s.kept() ? 1 : 0);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * The searches on {@code dataset} with {@code model} (null: any), newest first, without their
     * steps ({@link #get} reads them); at most {@code limit} (0: all).
     */
    List<SearchRecord> list(String dataset, String model, int limit) throws WorkbenchException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM search WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (dataset != null) {
            sql.append(" AND dataset = ?");
            args.add(dataset);
        }
        if (model != null) {
            sql.append(" AND model = ?");
            args.add(model);
        }
        sql.append(" ORDER BY created DESC, id DESC").append(limit > 0 ? " LIMIT " + limit : "");
        try {
            if (!db.hasTable("search")) {
                return List.of(); // a read-only history of an older schema
            }
            Map<Long, SearchRecord> found = new LinkedHashMap<>();
            try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    p.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        SearchRecord s = row(rs);
                        found.put(s.id(), s);
                    }
                }
            }
            return new ArrayList<>(found.values());
        } catch (SQLException e) {
            throw db.failure(e);
        }
    }

    /** A search by id, with its steps. */
    SearchRecord get(long id) throws WorkbenchException {
        try {
            SearchRecord s;
            if (!db.hasTable("search")) {
                throw WorkbenchException.badInput(
                        "no search " + id + " in " + db.file() + " (it keeps no searches yet)");
            }
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT " + COLUMNS + " FROM search WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw WorkbenchException.badInput(
                                "no search "
                                        + id
                                        + " in "
                                        + db.file()
                                        + " (taew runs searches lists them)");
                    }
                    s = row(rs);
                }
            }
            return withSteps(s);
        } catch (SQLException e) {
            throw db.failure(e);
        }
    }

    private SearchRecord withSteps(SearchRecord s) throws SQLException {
        List<SearchRecord.Step> steps = new ArrayList<>();
        try (PreparedStatement p =
                connection.prepareStatement(
                        "SELECT fold, round, wording, origin, query_template, document_template,"
                                + " exclude_instruction_from_pooling, queries, mean, kept FROM"
                                + " search_step WHERE search_id = ? ORDER BY position")) {
            p.setLong(1, s.id());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    steps.add(
                            new SearchRecord.Step(
                                    rs.getInt(1),
                                    rs.getInt(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    HistoryColumns.templates(rs),
                                    rs.getInt(8),
                                    HistoryColumns.number(rs, 9),
                                    rs.getInt(10) != 0));
                }
            }
        }
        return new SearchRecord(
                s.id(), s.created(), s.data(), s.model(), s.trace().withSteps(steps));
    }

    private static SearchRecord row(ResultSet rs) throws SQLException {
        SearchRecord.Spent spent =
                new SearchRecord.Spent(
                        rs.getString("method"),
                        rs.getInt("proposed"),
                        rs.getInt("left_out"),
                        rs.getInt("budget"),
                        rs.getInt("evaluations"),
                        rs.getInt("encoded"),
                        rs.getDouble("seconds"),
                        rs.getDouble("encoding_seconds"));
        return new SearchRecord(
                rs.getLong("id"),
                Instant.from(HistorySchema.TIME.parse(rs.getString("created"))),
                HistoryColumns.data(rs),
                HistoryColumns.model(rs),
                new SearchRecord.Trace(
                        rs.getString("experiment"),
                        rs.getString("measure"),
                        spent,
                        rs.getString("chosen"),
                        rs.getString("recommendation"),
                        List.of()));
    }

    /** How many searches there are. */
    int count() throws WorkbenchException {
        try {
            if (!db.hasTable("search")) {
                return 0;
            }
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM search")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw db.failure(e);
        }
    }
}
