package org.taew.core.logic.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The run history's tables (docs/formats.md, "Run history"), versioned by SQLite's {@code
 * user_version}: migration {@code i} takes a database from version {@code i} to {@code i + 1}, so a
 * new version appends a migration and never edits an old one.
 */
final class HistorySchema {
    /** SQLite's application_id of a workbench history: "TAEW". */
    static final int APPLICATION_ID = 0x54414557;

    /** Migration i: the statements from version i to i + 1. */
    static final List<List<String>> MIGRATIONS =
            List.of(
                    List.of(
                            """
                            CREATE TABLE run (
                              id INTEGER PRIMARY KEY AUTOINCREMENT,
                              config_key TEXT NOT NULL UNIQUE,
                              created TEXT NOT NULL,
                              evaluated TEXT NOT NULL,
                              times INTEGER NOT NULL,
                              source TEXT NOT NULL,
                              label TEXT NOT NULL,
                              experiment TEXT,
                              dataset TEXT NOT NULL,
                              dataset_path TEXT NOT NULL,
                              split TEXT NOT NULL,
                              dataset_fingerprint TEXT NOT NULL,
                              queries INTEGER NOT NULL,
                              documents INTEGER NOT NULL,
                              task TEXT NOT NULL,
                              model TEXT NOT NULL,
                              model_identity TEXT NOT NULL,
                              engine TEXT NOT NULL,
                              workbench_version TEXT NOT NULL,
                              query_template TEXT NOT NULL,
                              document_template TEXT NOT NULL,
                              exclude_instruction_from_pooling INTEGER NOT NULL,
                              main_measure TEXT NOT NULL,
                              main_score REAL,
                              depth INTEGER NOT NULL,
                              ignore_identical_ids INTEGER NOT NULL)""",
                            "CREATE INDEX run_by_data ON run (dataset, model, evaluated)",
                            """
                            CREATE TABLE measure (
                              run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                              position INTEGER NOT NULL,
                              name TEXT NOT NULL,
                              mean REAL,
                              PRIMARY KEY (run_id, name)) WITHOUT ROWID""",
                            """
                            CREATE TABLE query_score (
                              run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                              measure TEXT NOT NULL,
                              position INTEGER NOT NULL,
                              query_id TEXT NOT NULL,
                              value REAL NOT NULL,
                              PRIMARY KEY (run_id, measure, position)) WITHOUT ROWID""",
                            """
                            CREATE TABLE ranking (
                              run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                              query_id TEXT NOT NULL,
                              rank INTEGER NOT NULL,
                              doc_id TEXT NOT NULL,
                              score REAL NOT NULL,
                              PRIMARY KEY (run_id, query_id, rank)) WITHOUT ROWID"""),
                    // 2: instruction searches and their steps (a step scores a wording on some
                    // queries only, so it is not a run)
                    List.of(
                            """
                            CREATE TABLE search (
                              id INTEGER PRIMARY KEY AUTOINCREMENT,
                              created TEXT NOT NULL,
                              experiment TEXT NOT NULL,
                              dataset TEXT NOT NULL,
                              dataset_path TEXT NOT NULL,
                              split TEXT NOT NULL,
                              dataset_fingerprint TEXT NOT NULL,
                              queries INTEGER NOT NULL,
                              documents INTEGER NOT NULL,
                              task TEXT NOT NULL,
                              model TEXT NOT NULL,
                              model_identity TEXT NOT NULL,
                              engine TEXT NOT NULL,
                              workbench_version TEXT NOT NULL,
                              measure TEXT NOT NULL,
                              method TEXT NOT NULL,
                              proposed INTEGER NOT NULL,
                              left_out INTEGER NOT NULL,
                              budget INTEGER NOT NULL,
                              evaluations INTEGER NOT NULL,
                              encoded INTEGER NOT NULL,
                              seconds REAL NOT NULL,
                              encoding_seconds REAL NOT NULL,
                              chosen TEXT NOT NULL,
                              recommendation TEXT NOT NULL)""",
                            "CREATE INDEX search_by_data ON search (dataset, model, created)",
                            """
                            CREATE TABLE search_step (
                              search_id INTEGER NOT NULL REFERENCES search (id) ON DELETE CASCADE,
                              position INTEGER NOT NULL,
                              fold INTEGER NOT NULL,
                              round INTEGER NOT NULL,
                              wording TEXT NOT NULL,
                              origin TEXT NOT NULL,
                              query_template TEXT NOT NULL,
                              document_template TEXT NOT NULL,
                              exclude_instruction_from_pooling INTEGER NOT NULL,
                              queries INTEGER NOT NULL,
                              mean REAL,
                              kept INTEGER NOT NULL,
                              PRIMARY KEY (search_id, position)) WITHOUT ROWID"""));

    /** The version this workbench writes. */
    static final int VERSION = MIGRATIONS.size();

    /** The text of a time in the {@code created} and {@code evaluated} columns: UTC, to the ms. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private HistorySchema() {}
}
