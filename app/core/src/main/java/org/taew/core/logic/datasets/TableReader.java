package org.taew.core.logic.datasets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.util.WorkbenchException;

/**
 * Reads a table of named columns from CSV (RFC 4180: quoted fields may hold commas, quotes as
 * {@code ""} and line breaks), TSV (tab-separated, no quoting) or JSON Lines (one object per line,
 * its keys the columns), chosen by the file's extension. CSV and TSV need a header row. Every
 * problem names the file and the line.
 */
public final class TableReader {
    /** One row: its values by column name, and the line it starts on. */
    public record Row(int line, Map<String, String> values) {
        public String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v;
        }
    }

    /** The columns (header order) and the rows. */
    public record Table(Path file, List<String> columns, List<Row> rows) {
        /** The first of {@code names} that is a column (case-insensitive), or null. */
        public String find(List<String> names) {
            for (String n : names) {
                for (String c : columns) {
                    if (c.strip().equalsIgnoreCase(n)) {
                        return c;
                    }
                }
            }
            return null;
        }

        /** A column named by the user: it must exist. */
        public String require(String name, String option) throws WorkbenchException {
            String c = find(List.of(name));
            if (c == null) {
                throw WorkbenchException.badInput(
                        file
                                + ": no column \""
                                + name
                                + "\" ("
                                + option
                                + "); the columns are "
                                + columns);
            }
            return c;
        }
    }

    private TableReader() {}

    public static Table read(Path file) throws WorkbenchException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jsonl") || n.endsWith(".json")) {
            return readJsonl(file);
        }
        char sep = n.endsWith(".csv") ? ',' : '\t';
        return readDelimited(file, sep);
    }

    /** A CSV ({@code ','}) or TSV ({@code '\t'}) table whatever the file's extension. */
    public static Table readDelimited(Path file, char sep) throws WorkbenchException {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = lines.next()) != null) {
                int start = lines.lineNumber();
                List<String> fields;
                if (sep == '\t') {
                    if (line.isBlank()) {
                        continue;
                    }
                    fields = List.of(line.split("\t", -1));
                } else {
                    fields = new ArrayList<>();
                    StringBuilder record = new StringBuilder(line);
                    while (!parseCsv(record, fields)) {
                        String more = lines.next();
                        if (more == null) {
                            throw WorkbenchException.badInput(
                                    file
                                            + ":"
                                            + start
                                            + ": a quoted field is not closed before the end of the file");
                        }
                        record.append('\n').append(more);
                        fields.clear();
                    }
                    if (fields.size() == 1 && fields.get(0).isBlank()) {
                        continue;
                    }
                }
                if (header == null) {
                    header = new ArrayList<>();
                    for (String f : fields) {
                        header.add(f.strip());
                    }
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw WorkbenchException.badInput(
                            file
                                    + ":"
                                    + start
                                    + ": expected "
                                    + header.size()
                                    + " "
                                    + (sep == ',' ? "comma" : "tab")
                                    + "-separated fields (as the header "
                                    + header
                                    + "), found "
                                    + fields.size());
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), fields.get(i));
                }
                rows.add(new Row(start, values));
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        if (header == null) {
            throw WorkbenchException.badInput(
                    file + ": empty; expected a header row naming the columns");
        }
        return new Table(file, List.copyOf(header), rows);
    }

    /**
     * Splits one CSV record into {@code out}; false when a quoted field is still open at the end
     * (the record continues on the next line).
     */
    static boolean parseCsv(CharSequence record, List<String> out) {
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return false;
        }
        out.add(field.toString());
        return true;
    }

    private static Table readJsonl(Path file) throws WorkbenchException {
        List<String> columns = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (StrictLines lines = new StrictLines(file)) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonElement e;
                try {
                    e = JsonParser.parseString(line);
                } catch (JsonParseException ex) {
                    throw lines.error("is not valid JSON");
                }
                if (!e.isJsonObject()) {
                    throw lines.error("expected a JSON object");
                }
                JsonObject o = e.getAsJsonObject();
                Map<String, String> values = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> f : o.entrySet()) {
                    JsonElement v = f.getValue();
                    if (v.isJsonNull()) {
                        continue;
                    }
                    if (!v.isJsonPrimitive()) {
                        throw lines.error(
                                "field \"" + f.getKey() + "\" must be a string or a number");
                    }
                    values.put(f.getKey(), v.getAsString());
                    if (!columns.contains(f.getKey())) {
                        columns.add(f.getKey());
                    }
                }
                rows.add(new Row(lines.lineNumber(), values));
            }
        } catch (IOException e) {
            throw new WorkbenchException(WorkbenchException.Kind.IO, "Cannot read " + file, e);
        }
        return new Table(file, List.copyOf(columns), rows);
    }
}
