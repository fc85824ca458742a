package org.taew.core.logic.history;

/** What {@link RunHistory#prune} deleted: runs, and instruction searches as old. */
public record Pruned(int runs, int searches) {}
