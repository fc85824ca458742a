package org.taew.core.formats.parquet;

import static org.taew.core.formats.parquet.ParquetIo.bad;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.taew.core.formats.parquet.ParquetFooter.Chunk;
import org.taew.core.formats.parquet.ParquetFooter.RowGroup;
import org.taew.core.util.WorkbenchException;

/**
 * Walks the rows of some columns in order, reading and decoding the chunks of one row group at a
 * time; a damaged or unreadable chunk is refused with its column and row group.
 */
final class RowCursor {
    private final Path file;
    private final FileChannel channel;
    private final List<RowGroup> rowGroups;
    private final List<Leaf> picked;
    private final Object[][] values;
    private int group = -1;
    private int row = -1;
    private long rowsBefore;
    private long rowsInGroup;

    RowCursor(Path file, FileChannel channel, List<RowGroup> rowGroups, List<Leaf> picked) {
        this.file = file;
        this.channel = channel;
        this.rowGroups = rowGroups;
        this.picked = picked;
        this.values = new Object[picked.size()][];
    }

    /** Moves to the next row; false after the last one. */
    boolean next() throws WorkbenchException {
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
                values[i] = readChunk(g, picked.get(i), group);
            }
        }
        return true;
    }

    /** The value of the {@code i}-th asked column in this row: null where the file has none. */
    Object get(int i) {
        return values[i][row];
    }

    /** The 1-based number of this row in the file, for messages. */
    long rowNumber() {
        return rowsBefore + row + 1;
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
            ByteBuffer bytes = ParquetIo.read(channel, chunk.start(), (int) chunk.size());
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
        } catch (Unsupported e) {
            throw bad(file, where + " " + e.getMessage());
        } catch (IOException e) {
            throw bad(file, where + " cannot be read: " + ParquetIo.reason(e));
        }
    }
}
