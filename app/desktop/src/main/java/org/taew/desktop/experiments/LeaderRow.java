package org.taew.desktop.experiments;

/** One leaderboard line of the Experiments tab, formatted. */
public record LeaderRow(
        int rank,
        String name,
        String query,
        String document,
        double mean,
        String meanText,
        double delta,
        double deltaLow,
        double deltaHigh,
        String deltaText,
        String holm,
        String winsLosses,
        String cosines,
        String overlap,
        boolean baseline,
        boolean significant) {}
