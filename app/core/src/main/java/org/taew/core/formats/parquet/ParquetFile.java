package org.taew.core.formats.parquet;

import static org.taew.core.formats.parquet.ParquetIo.bad;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.taew.core.util.WorkbenchException;

/**
 * A parquet file's flat columns, read row group by row group: what Hugging Face's datasets, MTEB's
 * retrieval sets and Spark's outputs are published as. Reads the format as its specification
 * describes it (footer and page headers in Thrift's compact protocol; data pages v1 and v2;
 * dictionary, plain, delta and byte-stream-split encodings; snappy, gzip, zstd and lz4 pages).
 * Nested columns (lists, maps, structs), INT96 and decimals are listed but refused when asked for,
 * with the reason: the workbench reads ids, texts and numbers. One row group of the asked columns
 * is held at a time, so a corpus is streamed. The footer is read by {@link ParquetFooter}, the rows
 * by {@link RowCursor}.
 */
public final class ParquetFile implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final ParquetFooter footer;
    private final List<Column> columns;

    /** What a top-level column holds, as the workbench reads it. */
    public enum Kind {
        /** UTF-8 text: {@link String}. */
        TEXT,
        /** INT32 or INT64: {@link Long}. */
        INTEGER,
        /** FLOAT or DOUBLE: {@link Double}. */
        REAL,
        /** {@link Boolean}. */
        BOOLEAN,
        /** Bytes without a text annotation: {@code byte[]}. */
        BYTES,
        /** Not read: see {@link Column#type()} for what it is. */
        UNREADABLE
    }

    /**
     * One top-level column: its name, what it is read as, whether it may hold nulls, and the
     * parquet type in words ({@code "string"}, {@code "int64"}, {@code "list (nested)"}, …).
     */
    public record Column(String name, Kind kind, boolean optional, String type) {}

    private ParquetFile(Path file, FileChannel channel, ParquetFooter footer) {
        this.file = file;
        this.channel = channel;
        this.footer = footer;
        List<Column> cs = new ArrayList<>();
        for (Leaf leaf : footer.leaves) {
            cs.add(new Column(leaf.name, kind(leaf), leaf.nullable, leaf.type));
        }
        this.columns = List.copyOf(cs);
    }

    /** Opens a file and reads its footer; refuses anything that is not parquet with the reason. */
    public static ParquetFile open(Path file) throws WorkbenchException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            ParquetFile opened = new ParquetFile(file, channel, ParquetFooter.read(file, channel));
            channel = null;
            return opened;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO,
                    "Cannot read " + file + ": " + ParquetIo.reason(e),
                    e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing with the reason that matters
                }
            }
        }
    }

    /** What the workbench reads a leaf's values as. */
    private static Kind kind(Leaf leaf) {
        if (!leaf.readable) {
            return Kind.UNREADABLE;
        }
        return switch (leaf.physical) {
            case Leaf.BOOLEAN -> Kind.BOOLEAN;
            case Leaf.INT32, Leaf.INT64 -> Kind.INTEGER;
            case Leaf.FLOAT, Leaf.DOUBLE -> Kind.REAL;
            default -> leaf.text ? Kind.TEXT : Kind.BYTES;
        };
    }

    public Path file() {
        return file;
    }

    /** The top-level columns in the file's order. */
    public List<Column> columns() {
        return columns;
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public long rowCount() {
        return footer.rowCount;
    }

    /** The writer the footer names ({@code "parquet-cpp-arrow version 17.0.0"}), or null. */
    public String createdBy() {
        return footer.createdBy;
    }

    /**
     * The rows of the named columns in order, one row group held at a time. A missing column, or
     * one the workbench cannot read, is refused here with the columns the file has.
     */
    public Rows rows(List<String> names) throws WorkbenchException {
        List<Leaf> picked = new ArrayList<>();
        for (String n : names) {
            int index = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(n)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw bad(file, "has no column '" + n + "'; it has " + describeColumns());
            }
            if (columns.get(index).kind() == Kind.UNREADABLE) {
                throw bad(
                        file,
                        "column '"
                                + n
                                + "' is "
                                + columns.get(index).type()
                                + ", which the workbench does not read (it reads text, integer,"
                                + " floating-point and boolean columns)");
            }
            picked.add(footer.leaves.get(index));
        }
        return new Rows(new RowCursor(file, channel, footer.rowGroups, picked));
    }

    /** The columns as {@code name (type)}, for messages. */
    public String describeColumns() {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c.name()).append(" (").append(c.type()).append(')');
        }
        return sb.length() == 0 ? "no columns" : sb.toString();
    }

    @Override
    public void close() throws WorkbenchException {
        try {
            channel.close();
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /** A cursor over rows: {@link #next()} then the values by the position of their column. */
    public static final class Rows {
        private final RowCursor cursor;

        private Rows(RowCursor cursor) {
            this.cursor = cursor;
        }

        /** Moves to the next row; false after the last one. */
        public boolean next() throws WorkbenchException {
            return cursor.next();
        }

        /** The value of the {@code i}-th asked column in this row: null where the file has none. */
        public Object get(int i) {
            return cursor.get(i);
        }

        /** The 1-based number of this row in the file, for messages. */
        public long rowNumber() {
            return cursor.rowNumber();
        }
    }
}
