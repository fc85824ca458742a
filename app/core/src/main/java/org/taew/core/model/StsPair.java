package org.taew.core.model;

/** One semantic-textual-similarity pair with its gold score; {@code line} is where it was read. */
public record StsPair(int line, String first, String second, double gold) {}
