package org.taew.core.logic.datasets;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.taew.core.util.WorkbenchException;

/**
 * Reads a UTF-8 text file line by line, decoding each line strictly, so that a byte sequence that
 * is not UTF-8 is reported with its file and line instead of being replaced silently. A UTF-8
 * byte-order mark at the start is skipped; {@code \r\n} endings are accepted.
 */
final class StrictLines implements Closeable {
    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private int lineNumber;
    private boolean eof;

    StrictLines(Path file) throws WorkbenchException {
        this.file = file;
        try {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The number of the line last returned (1-based). */
    int lineNumber() {
        return lineNumber;
    }

    Path file() {
        return file;
    }

    /** The next line without its ending, or {@code null} at the end of the file. */
    String next() throws WorkbenchException {
        if (eof) {
            return null;
        }
        buffer.reset();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                buffer.write(b);
            }
            if (b == -1) {
                eof = true;
                if (buffer.size() == 0) {
                    return null;
                }
            }
        } catch (IOException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        lineNumber++;
        byte[] bytes = buffer.toByteArray();
        int start = 0;
        int end = bytes.length;
        if (lineNumber == 1
                && end >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (end > start && bytes[end - 1] == '\r') {
            end--;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLine(at("is not valid UTF-8 text (save the file as UTF-8)"));
        }
    }

    /** A line that is not UTF-8; the reader is past it and can go on. */
    static final class MalformedLine extends WorkbenchException {
        private static final long serialVersionUID = 1L;

        MalformedLine(String located) {
            super(Kind.BAD_INPUT, located, null);
        }
    }

    /** {@code file:line: what} for the line last read. */
    String at(String what) {
        return file + ":" + lineNumber + ": " + what;
    }

    /** A BAD_INPUT error located at the current line. */
    WorkbenchException error(String what) {
        return WorkbenchException.badInput(at(what));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
