package org.taew.core.logic.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads Protocol Buffers' wire format from a slice of a buffer, checking every length against what
 * is left: a truncated or lying file ends in a {@link MalformedWeightsException}, never in a read
 * past the end or a huge allocation.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private final String what;
    private int pos;
    private final int end;
    private int tag;

    /** Reads {@code buf} from {@code from} to {@code to} (absolute positions). */
    ProtoReader(ByteBuffer buf, int from, int to, String what) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.what = what;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** Reads the next field's key; returns its field number. */
    int nextField() throws MalformedWeightsException {
        long key = varint();
        tag = (int) (key & 7);
        long field = key >>> 3;
        if (field <= 0 || field > Integer.MAX_VALUE) {
            throw bad("field number " + field);
        }
        return (int) field;
    }

    int wireType() {
        return tag;
    }

    long varint() throws MalformedWeightsException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw bad("a number runs past the end");
            }
            byte b = buf.get(pos++);
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw bad("a number longer than 10 bytes");
    }

    /** The [from, to) range of a length-delimited field's content; the reader moves past it. */
    int[] lengthDelimited() throws MalformedWeightsException {
        if (tag != LENGTH_DELIMITED) {
            throw bad("expected a length-delimited field, found wire type " + tag);
        }
        long len = varint();
        if (len < 0 || len > end - pos) {
            throw bad("a field of " + len + " bytes where " + (end - pos) + " are left");
        }
        int from = pos;
        pos += (int) len;
        return new int[] {from, pos};
    }

    String string() throws MalformedWeightsException {
        int[] r = lengthDelimited();
        byte[] b = new byte[r[1] - r[0]];
        buf.get(r[0], b);
        return new String(b, StandardCharsets.UTF_8);
    }

    ProtoReader message() throws MalformedWeightsException {
        int[] r = lengthDelimited();
        return new ProtoReader(buf, r[0], r[1], what);
    }

    /** A repeated int64 field, packed or not: adds its values to {@code into}. */
    void int64s(List<Long> into) throws MalformedWeightsException {
        if (tag == VARINT) {
            into.add(varint());
            return;
        }
        ProtoReader packed = message();
        while (packed.hasMore()) {
            into.add(packed.varint());
        }
    }

    void skip() throws MalformedWeightsException {
        switch (tag) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> lengthDelimited();
            case FIXED32 -> advance(4);
            default -> throw bad("unsupported wire type " + tag);
        }
    }

    private void advance(int n) throws MalformedWeightsException {
        if (n > end - pos) {
            throw bad("a fixed-size field runs past the end");
        }
        pos += n;
    }

    MalformedWeightsException bad(String problem) {
        return new MalformedWeightsException(
                what + " is not a valid ONNX file (" + problem + " at byte " + pos + ")");
    }

    static ByteBuffer littleEndian(ByteBuffer b) {
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }
}
