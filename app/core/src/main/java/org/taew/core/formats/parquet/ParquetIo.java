package org.taew.core.formats.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.taew.core.util.WorkbenchException;

/** Reading byte ranges of a parquet file, and saying in words what went wrong with one. */
final class ParquetIo {
    private ParquetIo() {}

    /** Exactly {@code length} bytes from {@code position}, as a little-endian buffer. */
    static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
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

    /** An I/O failure in words, without a class name. */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return m == null ? "an input/output error" : m;
    }

    /** The file refused, with what is wrong with it. */
    static WorkbenchException bad(Path file, String what) {
        return WorkbenchException.badInput(file + ": " + what);
    }
}
