package org.taew.core.formats.parquet;

import static org.taew.core.formats.parquet.ParquetIo.bad;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.formats.parquet.CompactThrift.Struct;
import org.taew.core.util.WorkbenchException;

/**
 * A parquet file's footer: the magic bytes around it, its top-level schema columns and where each
 * row group keeps each column's chunk. Refuses anything that is not (unencrypted) parquet with the
 * reason.
 */
final class ParquetFooter {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final int FOOTER_LIMIT = 256 << 20;

    final List<Leaf> leaves;
    final List<RowGroup> rowGroups;
    final long rowCount;
    final String createdBy;

    /** One row group: its row count and its flat columns' chunks by name. */
    record RowGroup(long rows, Map<String, Chunk> chunks) {}

    /** Where a column chunk lies in the file and how it is compressed. */
    record Chunk(
            int codec,
            long values,
            long start,
            long size,
            long unpackedSize,
            String externalFile) {}

    private ParquetFooter(
            List<Leaf> leaves, List<RowGroup> rowGroups, long rowCount, String createdBy) {
        this.leaves = leaves;
        this.rowGroups = rowGroups;
        this.rowCount = rowCount;
        this.createdBy = createdBy;
    }

    /** Reads the footer of the open file. */
    static ParquetFooter read(Path file, FileChannel channel)
            throws WorkbenchException, IOException {
        long size = channel.size();
        if (size < 12) {
            throw bad(file, "is not a parquet file (" + size + " bytes)");
        }
        ByteBuffer head = ParquetIo.read(channel, 0, 4);
        ByteBuffer tail = ParquetIo.read(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
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
                    "has a footer of " + footerLength + " bytes, more than the workbench reads");
        }
        ByteBuffer footer = ParquetIo.read(channel, size - 8 - footerLength, footerLength);
        Struct meta;
        try {
            meta = CompactThrift.readStruct(footer);
        } catch (FormatError e) {
            throw bad(file, "has a damaged footer: " + e.getMessage());
        }
        if (meta.has(8)) {
            throw bad(file, "is an encrypted parquet file, which the workbench does not read");
        }
        try {
            return fromMetadata(file, meta);
        } catch (RuntimeException e) {
            throw bad(
                    file,
                    "has a damaged footer (its schema or row groups are not as the format says)");
        }
    }

    private static ParquetFooter fromMetadata(Path file, Struct meta) throws WorkbenchException {
        List<?> schema = meta.list(2);
        if (schema.isEmpty() || !(schema.get(0) instanceof Struct root)) {
            throw bad(file, "has no schema in its footer");
        }
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
            leaves.add(Leaf.of(name, e, nested > 0 || repetition == 2));
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
        return new ParquetFooter(leaves, groups, rowCount, meta.string(6));
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

    private static boolean matches(ByteBuffer b, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (b.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
