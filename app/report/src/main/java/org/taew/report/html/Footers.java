package org.taew.report.html;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.taew.core.util.Versions;

/** The line at the foot of every report: what wrote it, when, and that it needs no network. */
final class Footers {
    private Footers() {}

    static String footer(String kind) {
        return "This "
                + kind
                + " report was written by the Task-Aware Embedding Workbench ("
                + Versions.workbench()
                + ") on "
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        ZonedDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS))
                + ". It is one self-contained file: its charts are inline SVG and it loads nothing"
                + " from the network.";
    }
}
