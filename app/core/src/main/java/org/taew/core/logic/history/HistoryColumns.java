package org.taew.core.logic.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The column groups the history's tables share, written and read one way: the data ({@code dataset}
 * … {@code task}) and the model ({@code model} … {@code workbench_version}) of {@code run} and
 * {@code search}, the templates of {@code run} and {@code search_step}, and a number that may be
 * undefined (SQLite keeps NaN as NULL).
 */
final class HistoryColumns {
    private HistoryColumns() {}

    /** Binds the data's seven columns from parameter {@code i + 1}; the last index bound. */
    static int bind(PreparedStatement p, int i, RunRecord.Data d) throws SQLException {
        p.setString(++i, d.name());
        p.setString(++i, d.path());
        p.setString(++i, d.split());
        p.setString(++i, d.fingerprint());
        p.setInt(++i, d.queries());
        p.setInt(++i, d.documents());
        p.setString(++i, d.task());
        return i;
    }

    /** Binds the model's four columns from parameter {@code i + 1}; the last index bound. */
    static int bind(PreparedStatement p, int i, RunRecord.Model m) throws SQLException {
        p.setString(++i, m.name());
        p.setString(++i, m.identity());
        p.setString(++i, m.engine());
        p.setString(++i, m.version());
        return i;
    }

    /** Binds the templates' three columns from parameter {@code i + 1}; the last index bound. */
    static int bind(PreparedStatement p, int i, RunRecord.Templates t) throws SQLException {
        p.setString(++i, t.query());
        p.setString(++i, t.document());
        p.setInt(++i, t.excludeInstructionFromPooling() ? 1 : 0);
        return i;
    }

    static RunRecord.Data data(ResultSet rs) throws SQLException {
        return new RunRecord.Data(
                rs.getString("dataset"),
                rs.getString("dataset_path"),
                rs.getString("split"),
                rs.getString("dataset_fingerprint"),
                rs.getInt("queries"),
                rs.getInt("documents"),
                rs.getString("task"));
    }

    static RunRecord.Model model(ResultSet rs) throws SQLException {
        return new RunRecord.Model(
                rs.getString("model"),
                rs.getString("model_identity"),
                rs.getString("engine"),
                rs.getString("workbench_version"));
    }

    static RunRecord.Templates templates(ResultSet rs) throws SQLException {
        return new RunRecord.Templates(
                rs.getString("query_template"),
                rs.getString("document_template"),
                rs.getInt("exclude_instruction_from_pooling") != 0);
    }

    /** A number, or NULL when it is missing or undefined. */
    static void setNumber(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }

    /** A number column, NaN where it is NULL. */
    static double number(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }
}
