package org.taew.core.logic.export;

import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.taew.core.model.Embeddings;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/**
 * Writes vectors as a NumPy {@code .npy} file (format version 1.0, little-endian float32, C order).
 */
public final class NpyWriter {
    private NpyWriter() {}

    public static void write(Path file, Embeddings e) throws WorkbenchException {
        String dict =
                "{'descr': '<f4', 'fortran_order': False, 'shape': ("
                        + e.rows()
                        + ", "
                        + e.dim()
                        + "), }";
        // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of
        // 64 and
        // ended by a newline
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        AtomicFiles.write(
                file,
                raw -> {
                    BufferedOutputStream out = new BufferedOutputStream(raw, 1 << 16);
                    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
                    int len = header.length();
                    out.write(len & 0xFF);
                    out.write((len >> 8) & 0xFF);
                    out.write(header.getBytes(StandardCharsets.US_ASCII));
                    ByteBuffer buf = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
                    float[] data = e.data();
                    for (int i = 0; i < data.length; i++) {
                        if (!buf.hasRemaining()) {
                            out.write(buf.array(), 0, buf.position());
                            buf.clear();
                        }
                        buf.putFloat(data[i]);
                    }
                    out.write(buf.array(), 0, buf.position());
                    out.flush();
                });
    }
}
