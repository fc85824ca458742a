package org.taew.core.logic.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.taew.core.util.WorkbenchException;

/**
 * The run history: every evaluation, in an SQLite database in the workbench home ({@code
 * history.sqlite}, WAL mode, so the desktop and a command line can record at the same time; a
 * writer waits up to {@link #BUSY_TIMEOUT} for another). Schema in docs/formats.md, "Run history";
 * any SQLite tool can open it. A locked, read-only, corrupt or newer file is one {@link
 * WorkbenchException} with a message that says which and what to do; the file is never changed
 * then.
 *
 * <p>The facade of the history's pieces: {@code HistoryDatabase} (opening, ownership, migration,
 * transactions, failure wording), {@code HistoryWriter}, {@code HistoryQueries}, {@code
 * HistorySearches} (instruction searches and their steps) and {@code HistoryPruner}.
 */
public final class RunHistory implements AutoCloseable {
    /** How long a writer waits for another to finish. */
    public static final Duration BUSY_TIMEOUT = HistoryDatabase.BUSY_TIMEOUT;

    private final HistoryDatabase db;
    private final HistoryWriter writer;
    private final HistoryQueries queries;
    private final HistoryPruner pruner;
    private final HistorySearches searches;

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

    private RunHistory(HistoryDatabase db) {
        this.db = db;
        this.writer = new HistoryWriter(db);
        this.queries = new HistoryQueries(db);
        this.pruner = new HistoryPruner(db);
        this.searches = new HistorySearches(db);
    }

    /** Opens the history, creating it (and its folder) or upgrading its schema as needed. */
    public static RunHistory open(Path file) throws WorkbenchException {
        return open(file, BUSY_TIMEOUT);
    }

    /** As {@link #open(Path)}, waiting at most {@code busy} for another writer. */
    public static RunHistory open(Path file, Duration busy) throws WorkbenchException {
        return new RunHistory(HistoryDatabase.open(file, busy));
    }

    /**
     * Opens the history to read it, changing nothing: works on a read-only file too. A missing file
     * is a {@link WorkbenchException} saying that nothing was recorded yet.
     */
    public static RunHistory openForReading(Path file) throws WorkbenchException {
        return new RunHistory(HistoryDatabase.openForReading(file));
    }

    /** Where the history is. */
    public Path file() {
        return db.file();
    }

    /** The schema version this workbench writes. */
    public static int schemaVersion() {
        return HistorySchema.VERSION;
    }

    /**
     * Records a run and returns its id. A run whose configuration ({@link RunRecord#configKey()})
     * is recorded already is not stored twice: that run's last evaluation time and count are
     * updated, the measures it lacks are added, and its id returned.
     */
    public long record(RunRecord r) throws WorkbenchException {
        return writer.record(r);
    }

    /** The runs the filter matches, newest first, with their means (no per-query values). */
    public List<RunRecord> list(Filter f) throws WorkbenchException {
        return queries.list(
                f.dataset(), f.model(), f.split(), f.experiment(), f.source(), f.limit());
    }

    /** A run with everything: per-query values and top documents. */
    public RunRecord get(long id) throws WorkbenchException {
        return queries.get(id);
    }

    /** How many runs there are. */
    public int count() throws WorkbenchException {
        return queries.count();
    }

    /** Deletes the runs with these ids; returns how many there were. */
    public int delete(Collection<Long> ids) throws WorkbenchException {
        return pruner.delete(ids);
    }

    /**
     * Deletes every run but the {@code keep} most recently evaluated (when {@code keep >= 0}) and
     * every run last evaluated before {@code before} (when not null), and the instruction searches
     * as old (made before the oldest run kept, or before {@code before}); says how many of each.
     */
    public Pruned prune(int keep, Instant before) throws WorkbenchException {
        return pruner.prune(keep, before);
    }

    /** Records an instruction search with its steps; returns its id. */
    public long recordSearch(SearchRecord s) throws WorkbenchException {
        return searches.record(s);
    }

    /**
     * The instruction searches on {@code dataset} with {@code model} (null: any), newest first,
     * with their steps; at most {@code limit} (0: all).
     */
    public List<SearchRecord> searches(String dataset, String model, int limit)
            throws WorkbenchException {
        return searches.list(dataset, model, limit);
    }

    /** An instruction search with its steps. */
    public SearchRecord search(long id) throws WorkbenchException {
        return searches.get(id);
    }

    /** How many instruction searches there are. */
    public int searchCount() throws WorkbenchException {
        return searches.count();
    }

    @Override
    public void close() {
        db.close();
    }
}
