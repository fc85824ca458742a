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
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.WorkbenchException;

/**
 * Reads runs back from the history: a filtered listing with each run's means, one run with
 * everything (per-query values and top documents), and the number of runs.
 */
final class HistoryQueries {
    private static final String RUN_COLUMNS =
            "id, created, evaluated, times, source, label, experiment, dataset, dataset_path, split,"
                    + " dataset_fingerprint, queries, documents, task, model, model_identity, engine,"
                    + " workbench_version, query_template, document_template,"
                    + " exclude_instruction_from_pooling, main_measure, depth, ignore_identical_ids";

    private final HistoryDatabase db;
    private final Connection connection;

    HistoryQueries(HistoryDatabase db) {
        this.db = db;
        this.connection = db.connection();
    }

    /**
     * The runs that match every non-null value, newest first, with their means (no per-query
     * values); at most {@code limit} of them (0: all).
     */
    List<RunRecord> list(
            String dataset, String model, String split, String experiment, String source, int limit)
            throws WorkbenchException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        condition(where, args, "dataset", dataset);
        condition(where, args, "model", model);
        condition(where, args, "split", split);
        condition(where, args, "experiment", experiment);
        condition(where, args, "source", source);
        String runs =
                "SELECT "
                        + RUN_COLUMNS
                        + " FROM run"
                        + where
                        + " ORDER BY evaluated DESC, id DESC"
                        + (limit > 0 ? " LIMIT " + limit : "");
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
                                row.means.put(rs.getString(2), HistoryColumns.number(rs, 3));
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
            throw db.failure(e);
        }
    }

    /** A run with everything: per-query values and top documents. */
    RunRecord get(long id) throws WorkbenchException {
        try {
            Row row;
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT " + RUN_COLUMNS + " FROM run WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw WorkbenchException.badInput(
                                "no run "
                                        + id
                                        + " in "
                                        + db.file()
                                        + " (taew runs list shows them)");
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
                        row.means.put(rs.getString(1), HistoryColumns.number(rs, 2));
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
            throw db.failure(e);
        }
    }

    /** How many runs there are. */
    int count() throws WorkbenchException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM run")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw db.failure(e);
        }
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
                        Instant.from(HistorySchema.TIME.parse(rs.getString("created"))),
                        Instant.from(HistorySchema.TIME.parse(rs.getString("evaluated"))),
                        rs.getInt("times"),
                        new RunRecord.Origin(
                                rs.getString("source"),
                                rs.getString("label"),
                                rs.getString("experiment")),
                        HistoryColumns.data(rs),
                        HistoryColumns.model(rs),
                        HistoryColumns.templates(rs),
                        new RunRecord.Settings(
                                rs.getString("main_measure"),
                                rs.getInt("depth"),
                                rs.getInt("ignore_identical_ids") != 0),
                        new RunRecord.Scores(Map.of(), List.of(), Map.of(), Map.of()));
        return row;
    }
}
