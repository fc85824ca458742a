package org.taew.core.logic.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.taew.core.util.WorkbenchException;

/**
 * Deletes runs from the history: chosen ones, or all but the most recent and those evaluated before
 * a time (and the instruction searches as old), after which the file is compacted. A run's
 * measures, per-query values and rankings go with it, a search's steps with it (the schema's
 * cascades).
 */
final class HistoryPruner {
    private final HistoryDatabase db;
    private final Connection connection;

    HistoryPruner(HistoryDatabase db) {
        this.db = db;
        this.connection = db.connection();
    }

    /** Deletes the runs with these ids, in one transaction; returns how many there were. */
    int delete(Collection<Long> ids) throws WorkbenchException {
        return db.transaction(() -> deleteRuns(ids));
    }

    private int deleteRuns(Collection<Long> ids) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM run WHERE id = ?")) {
            int n = 0;
            for (long id : ids) {
                p.setLong(1, id);
                n += p.executeUpdate();
            }
            return n;
        }
    }

    /**
     * Deletes every run but the {@code keep} most recently evaluated (when {@code keep >= 0}) and
     * every run last evaluated before {@code before} (when not null), and the instruction searches
     * as old: made before the oldest run kept (every search when no run is kept) or before {@code
     * before}; returns how many of each. One transaction: what is read and what is deleted are of
     * the same moment, and all of it goes or none.
     */
    Pruned prune(int keep, Instant before) throws WorkbenchException {
        Pruned pruned = db.transaction(() -> doomed(keep, before));
        if (pruned.runs() + pruned.searches() > 0) {
            try (Statement s = connection.createStatement()) {
                s.execute("VACUUM");
            } catch (SQLException e) {
                throw db.failure(e);
            }
        }
        return pruned;
    }

    private Pruned doomed(int keep, Instant before) throws SQLException {
        List<Long> doomed = new ArrayList<>();
        String searchesBefore = null;
        if (keep >= 0) {
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT id FROM run ORDER BY evaluated DESC, id DESC LIMIT -1"
                                    + " OFFSET ?")) {
                p.setInt(1, keep);
                collect(p, doomed);
            }
        }
        // searches go only when runs do: as old as the oldest run kept
        if (keep == 0 || (keep > 0 && !doomed.isEmpty())) {
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT min(evaluated) FROM (SELECT evaluated FROM run ORDER BY"
                                    + " evaluated DESC, id DESC LIMIT ?)")) {
                p.setInt(1, keep);
                try (ResultSet rs = p.executeQuery()) {
                    String oldestKept = rs.next() ? rs.getString(1) : null;
                    // no run kept: every search goes ("~" sorts after every time)
                    searchesBefore = oldestKept == null ? "~" : oldestKept;
                }
            }
        }
        if (before != null) {
            String b = HistorySchema.TIME.format(before);
            try (PreparedStatement p =
                    connection.prepareStatement("SELECT id FROM run WHERE evaluated < ?")) {
                p.setString(1, b);
                collect(p, doomed);
            }
            searchesBefore =
                    searchesBefore == null || b.compareTo(searchesBefore) > 0 ? b : searchesBefore;
        }
        int runs = deleteRuns(new LinkedHashSet<>(doomed));
        int searches = 0;
        if (searchesBefore != null && db.hasTable("search")) {
            try (PreparedStatement p =
                    connection.prepareStatement("DELETE FROM search WHERE created < ?")) {
                p.setString(1, searchesBefore);
                searches = p.executeUpdate();
            }
        }
        return new Pruned(runs, searches);
    }

    private static void collect(PreparedStatement p, List<Long> into) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getLong(1));
            }
        }
    }
}
