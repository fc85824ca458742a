package org.taew.core.util.parquet;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.parquet.CompactThrift.FormatError;
import org.taew.core.util.parquet.CompactThrift.Struct;

/**
 * A parquet file's flat columns, read row group by row group: what Hugging Face's datasets, MTEB's
 * retrieval sets and Spark's outputs are published as. Reads the format as its specification
 * describes it (footer and page headers in Thrift's compact protocol; data pages v1 and v2;
 * dictionary, plain, delta and byte-stream-split encodings; snappy, gzip, zstd and lz4 pages).
 * Nested columns (lists, maps, structs), INT96 and decimals are listed but refused when asked for,
 * with the reason: the workbench reads ids, texts and numbers. One row group of the asked columns
 * is held at a time, so a corpus is streamed.
 */
public final class ParquetFile implements AutoCloseable {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final int FOOTER_LIMIT = 256 << 20;

    private final Path file;
    private final FileChannel channel;
    private final List<Column> columns;
    private final List<Leaf> leaves;
    private final List<RowGroup> rowGroups;
    private final long rowCount;
    private final String createdBy;

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

    private ParquetFile(
            Path file,
            FileChannel channel,
            List<Column> columns,
            List<Leaf> leaves,
            List<RowGroup> rowGroups,
            long rowCount,
            String createdBy) {
        this.file = file;
        this.channel = channel;
        this.columns = columns;
        this.rowGroups = rowGroups;
        this.rowCount = rowCount;
        this.createdBy = createdBy;
        this.leaves = leaves;
    }

    /** Opens a file and reads its footer; refuses anything that is not parquet with the reason. */
    public static ParquetFile open(Path file) throws WorkbenchException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 12) {
                throw bad(file, "is not a parquet file (" + size + " bytes)");
            }
            ByteBuffer head = read(channel, 0, 4);
            ByteBuffer tail = read(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[4];
            tail.position(4);
            tail.get(magic);
            if (magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == 'E') {
                throw bad(file, "is an encrypted parquet file, which the workbench does not read");
            }
            if (!matches(head, MAGIC) || !Arrays.equals(magic, MAGIC)) {
                throw bad(file, "is not a parquet file (it does not begin and end with PAR1)");
            }
            int footerLength = tail.getInt(0);
            if (footerLength <= 0 || footerLength > size - 12) {
                throw bad(file, "has a damaged footer (length " + footerLength + ")");
            }
            if (footerLength > FOOTER_LIMIT) {
                throw bad(
                        file,
                        "has a footer of "
                                + footerLength
                                + " bytes, more than the workbench reads");
            }
            ByteBuffer footer = read(channel, size - 8 - footerLength, footerLength);
            Struct meta;
            try {
                meta = CompactThrift.readStruct(footer);
            } catch (FormatError e) {
                throw bad(file, "has a damaged footer: " + e.getMessage());
            }
            if (meta.has(8)) {
                throw bad(file, "is an encrypted parquet file, which the workbench does not read");
            }
            ParquetFile opened;
            try {
                opened = fromFooter(file, channel, meta);
            } catch (RuntimeException e) {
                throw bad(
                        file,
                        "has a damaged footer (its schema or row groups are not as the format says)");
            }
            channel = null;
            return opened;
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + reason(e), e);
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

    private static ParquetFile fromFooter(Path file, FileChannel channel, Struct meta)
            throws WorkbenchException, IOException {
        List<?> schema = meta.list(2);
        if (schema.isEmpty() || !(schema.get(0) instanceof Struct root)) {
            throw bad(file, "has no schema in its footer");
        }
        List<Column> columns = new ArrayList<>();
        List<Leaf> leaves = new ArrayList<>();
        int children = root.i32(5, 0);
        int at = 1;
        for (int c = 0; c < children; c++) {
            if (at >= schema.size() || !(schema.get(at) instanceof Struct e)) {
                throw bad(file, "has a schema with fewer columns than it announces");
            }
            String name = e.string(4);
            if (name == null) {
                throw bad(file, "has a schema column without a name");
            }
            int nested = e.i32(5, 0);
            int repetition = e.i32(3, 0);
            Leaf leaf = Leaf.of(name, e, nested > 0 || repetition == 2);
            leaves.add(leaf);
            columns.add(new Column(name, leaf.kind, repetition == 1, leaf.type));
            at = skipSubtree(file, schema, at);
        }
        List<RowGroup> groups = new ArrayList<>();
        long total = 0;
        for (Object o : meta.list(4)) {
            Struct g = (Struct) o;
            Map<String, Chunk> chunks = new LinkedHashMap<>();
            for (Object c : g.list(1)) {
                Struct cc = (Struct) c;
                if (cc.has(8)) {
                    throw bad(file, "has encrypted columns, which the workbench does not read");
                }
                Struct md = cc.struct(3);
                if (md == null) {
                    throw bad(file, "has a column chunk without its metadata");
                }
                List<?> path = md.list(3);
                if (path.size() != 1) {
                    continue; // a part of a nested column: never asked for
                }
                String name = new String((byte[]) path.get(0), StandardCharsets.UTF_8);
                long dataOffset = md.i64(9, -1);
                long dictOffset = md.i64(11, -1);
                long start = dictOffset > 0 && dictOffset < dataOffset ? dictOffset : dataOffset;
                chunks.put(
                        name,
                        new Chunk(
                                md.i32(4, 0),
                                md.i64(5, 0),
                                start,
                                md.i64(7, 0),
                                md.i64(6, 0),
                                cc.string(1)));
            }
            long rows = g.i64(3, 0);
            groups.add(new RowGroup(rows, chunks));
            total += rows;
        }
        long rowCount = meta.i64(3, total);
        if (rowCount != total) {
            throw bad(
                    file, "says it holds " + rowCount + " rows, but its row groups hold " + total);
        }
        return new ParquetFile(
                file, channel, List.copyOf(columns), leaves, groups, rowCount, meta.string(6));
    }

    /** The index after the schema element at {@code at} and all its descendants. */
    private static int skipSubtree(Path file, List<?> schema, int at) throws WorkbenchException {
        int pending = 1;
        int i = at;
        while (pending > 0) {
            if (i >= schema.size() || !(schema.get(i) instanceof Struct e)) {
                throw bad(file, "has a schema with fewer elements than it announces");
            }
            pending += e.i32(5, 0) - 1;
            i++;
        }
        return i;
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
        return rowCount;
    }

    /** The writer the footer names ({@code "parquet-cpp-arrow version 17.0.0"}), or null. */
    public String createdBy() {
        return createdBy;
    }

    /**
     * The rows of the named columns in order, one row group held at a time. A missing column, or
     * one the workbench cannot read, is refused here with the columns the file has.
     */
    public Rows rows(List<String> names) throws WorkbenchException {
        List<Integer> picked = new ArrayList<>();
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
            picked.add(index);
        }
        return new Rows(picked);
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
    public final class Rows {
        private final List<Integer> picked;
        private final Object[][] values;
        private int group = -1;
        private int row = -1;
        private long rowsBefore;
        private long rowsInGroup;

        private Rows(List<Integer> picked) {
            this.picked = picked;
            this.values = new Object[picked.size()][];
        }

        /** Moves to the next row; false after the last one. */
        public boolean next() throws WorkbenchException {
            row++;
            while (row >= rowsInGroup) {
                if (group + 1 >= rowGroups.size()) {
                    Arrays.fill(values, null);
                    return false;
                }
                if (group >= 0) {
                    rowsBefore += rowsInGroup;
                }
                group++;
                row = 0;
                RowGroup g = rowGroups.get(group);
                if (g.rows() > Integer.MAX_VALUE - 8) {
                    throw bad(file, "row group " + (group + 1) + " has too many rows to read");
                }
                rowsInGroup = g.rows();
                if (rowsInGroup == 0) {
                    continue; // an empty table's row group (pyarrow writes one): nothing to read
                }
                for (int i = 0; i < picked.size(); i++) {
                    values[i] = readChunk(g, leaves.get(picked.get(i)), group);
                }
            }
            return true;
        }

        /** The value of the {@code i}-th asked column in this row: null where the file has none. */
        public Object get(int i) {
            return values[i][row];
        }

        /** The 1-based number of this row in the file, for messages. */
        public long rowNumber() {
            return rowsBefore + row + 1;
        }
    }

    private Object[] readChunk(RowGroup g, Leaf leaf, int groupIndex) throws WorkbenchException {
        Chunk chunk = g.chunks().get(leaf.name);
        String where = "column '" + leaf.name + "' in row group " + (groupIndex + 1);
        if (chunk == null) {
            throw bad(file, where + " is missing");
        }
        if (chunk.externalFile() != null) {
            throw bad(file, where + " is kept in another file (" + chunk.externalFile() + ")");
        }
        if (chunk.start() < 4 || chunk.size() <= 0) {
            throw bad(file, where + " has a damaged position or size");
        }
        if (chunk.size() > Integer.MAX_VALUE - 8
                || chunk.size() > Runtime.getRuntime().maxMemory() / 4) {
            throw bad(
                    file,
                    where
                            + " holds "
                            + chunk.size()
                            + " bytes, more than the workbench reads at once with this memory"
                            + " (rewrite the file with smaller row groups, or give Java more memory)");
        }
        try {
            ByteBuffer bytes = read(channel, chunk.start(), (int) chunk.size());
            return ColumnChunks.decode(
                    bytes,
                    chunk.codec(),
                    chunk.values(),
                    (int) g.rows(),
                    chunk.unpackedSize(),
                    leaf);
        } catch (FormatError e) {
            throw bad(file, where + " is damaged: " + e.getMessage());
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw bad(file, where + " is damaged: a page runs past the end of its column");
        } catch (RuntimeException e) {
            throw bad(file, where + " is damaged: its pages are not as the format says");
        } catch (ColumnChunks.Unsupported e) {
            throw bad(file, where + " " + e.getMessage());
        } catch (IOException e) {
            throw bad(file, where + " cannot be read: " + reason(e));
        }
    }

    /** An I/O failure in words, without a class name. */
    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return m == null ? "an input/output error" : m;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        long at = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                throw new IOException("the file ends before byte " + (position + length));
            }
            at += n;
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean matches(ByteBuffer b, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (b.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static WorkbenchException bad(Path file, String what) {
        return WorkbenchException.badInput(file + ": " + what);
    }

    private record RowGroup(long rows, Map<String, Chunk> chunks) {}

    private record Chunk(
            int codec,
            long values,
            long start,
            long size,
            long unpackedSize,
            String externalFile) {}

    /** A top-level column's physical type and how its values become Java values. */
    static final class Leaf {
        static final int BOOLEAN = 0;
        static final int INT32 = 1;
        static final int INT64 = 2;
        static final int INT96 = 3;
        static final int FLOAT = 4;
        static final int DOUBLE = 5;
        static final int BYTE_ARRAY = 6;
        static final int FIXED = 7;

        final String name;
        final int physical;
        final int typeLength;
        final boolean optional;
        final boolean unsigned32;
        final Kind kind;
        final String type;

        private Leaf(
                String name,
                int physical,
                int typeLength,
                boolean optional,
                boolean unsigned32,
                Kind kind,
                String type) {
            this.name = name;
            this.physical = physical;
            this.typeLength = typeLength;
            this.optional = optional;
            this.unsigned32 = unsigned32;
            this.kind = kind;
            this.type = type;
        }

        static Leaf of(String name, Struct e, boolean nested) {
            if (nested) {
                Struct logical = e.structOrEmpty(10);
                int converted = e.i32(6, -1);
                String what =
                        logical.has(3) || converted == 3
                                ? "a list"
                                : logical.has(2) || converted == 1
                                        ? "a map"
                                        : e.i32(3, 0) == 2 ? "a repeated field" : "a struct";
                return new Leaf(name, -1, 0, true, false, Kind.UNREADABLE, what + " (nested)");
            }
            int physical = e.i32(1, -1);
            int converted = e.i32(6, -1);
            Struct logical = e.structOrEmpty(10);
            boolean optional = e.i32(3, 0) == 1;
            boolean text =
                    converted == 0
                            || converted == 4
                            || converted == 19
                            || logical.has(1)
                            || logical.has(4)
                            || logical.has(12);
            boolean decimal = converted == 5 || logical.has(5);
            boolean float16 = logical.has(15);
            Struct integer = logical.structOrEmpty(10);
            boolean unsigned =
                    (converted >= 11 && converted <= 14)
                            || (integer.has(2) && !integer.bool(2, true));
            boolean unsigned32 = physical == INT32 && unsigned;
            boolean temporal =
                    (converted >= 6 && converted <= 10)
                            || logical.has(6)
                            || logical.has(7)
                            || logical.has(8);
            if (decimal) {
                return new Leaf(name, physical, 0, optional, false, Kind.UNREADABLE, "a decimal");
            }
            if (physical == INT64 && unsigned) {
                return new Leaf(
                        name,
                        physical,
                        0,
                        optional,
                        false,
                        Kind.UNREADABLE,
                        "uint64 (values past 2^63 do not fit a Java long)");
            }
            if (temporal) {
                return new Leaf(
                        name,
                        physical,
                        0,
                        optional,
                        false,
                        Kind.UNREADABLE,
                        "a date, time or timestamp");
            }
            if (float16) {
                return new Leaf(name, physical, 0, optional, false, Kind.UNREADABLE, "float16");
            }
            int length = e.i32(2, 0);
            return switch (physical) {
                case BOOLEAN ->
                        new Leaf(name, physical, 0, optional, false, Kind.BOOLEAN, "boolean");
                case INT32 ->
                        new Leaf(
                                name,
                                physical,
                                0,
                                optional,
                                unsigned32,
                                Kind.INTEGER,
                                unsigned32 ? "uint32" : "int32");
                case INT64 -> new Leaf(name, physical, 0, optional, false, Kind.INTEGER, "int64");
                case INT96 ->
                        new Leaf(
                                name,
                                physical,
                                0,
                                optional,
                                false,
                                Kind.UNREADABLE,
                                "an INT96 timestamp");
                case FLOAT -> new Leaf(name, physical, 0, optional, false, Kind.REAL, "float");
                case DOUBLE -> new Leaf(name, physical, 0, optional, false, Kind.REAL, "double");
                case BYTE_ARRAY ->
                        new Leaf(
                                name,
                                physical,
                                0,
                                optional,
                                false,
                                text ? Kind.TEXT : Kind.BYTES,
                                text ? "string" : "binary");
                case FIXED ->
                        new Leaf(
                                name,
                                physical,
                                length,
                                optional,
                                false,
                                text ? Kind.TEXT : Kind.BYTES,
                                String.format(Locale.ROOT, "fixed_len_byte_array(%d)", length));
                default ->
                        new Leaf(
                                name,
                                physical,
                                0,
                                optional,
                                false,
                                Kind.UNREADABLE,
                                "of an unknown physical type " + physical);
            };
        }
    }
}
