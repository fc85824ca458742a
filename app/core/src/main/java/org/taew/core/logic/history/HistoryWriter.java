package org.taew.core.logic.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.WorkbenchException;

/**
 * Records runs into the history, each in one transaction: a new configuration becomes a run with
 * its measures, per-query values and rankings; a configuration recorded already is merged into its
 * run (last evaluation time, count, and the measures it lacks).
 */
final class HistoryWriter {
    private final HistoryDatabase db;
    private final Connection connection;

    HistoryWriter(HistoryDatabase db) {
        this.db = db;
        this.connection = db.connection();
    }

    /**
     * Records a run and returns its id. A run whose configuration ({@link RunRecord#configKey()})
     * is recorded already is not stored twice: that run's last evaluation time and count are
     * updated, the measures it lacks are added, and its id returned.
     */
    long record(RunRecord r) throws WorkbenchException {
        String key = r.configKey();
        String now = HistorySchema.TIME.format(r.evaluated());
        return db.transaction(
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
            p.setString(++i, HistorySchema.TIME.format(r.created()));
            p.setString(++i, HistorySchema.TIME.format(r.evaluated()));
            p.setInt(++i, r.times());
            p.setString(++i, r.origin().source());
            p.setString(++i, r.origin().label());
            p.setString(++i, r.origin().experiment());
            i = HistoryColumns.bind(p, i, r.data());
            i = HistoryColumns.bind(p, i, r.model());
            i = HistoryColumns.bind(p, i, r.templates());
            p.setString(++i, r.settings().mainMeasure());
            HistoryColumns.setNumber(p, ++i, r.mainScore());
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
                HistoryColumns.setNumber(m, 4, e.getValue());
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
}
