package org.taew.core.logic.weights;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes safetensors files for tests (F32, F16, BF16), laid out as Hugging Face's writer does. */
public final class SafetensorsWriter {
    private final Map<String, Object[]> tensors = new LinkedHashMap<>();

    public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
        tensors.put(name, new Object[] {dtype, shape, values});
        return this;
    }

    public void write(Path file) throws IOException {
        JsonObject header = new JsonObject();
        List<byte[]> blobs = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Object[]> e : tensors.entrySet()) {
            DType dtype = (DType) e.getValue()[0];
            long[] shape = (long[]) e.getValue()[1];
            float[] values = (float[]) e.getValue()[2];
            ByteBuffer b =
                    ByteBuffer.allocate(values.length * dtype.bytes())
                            .order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                switch (dtype) {
                    case F32 -> b.putFloat(v);
                    case F16 -> b.putShort(toHalf(v));
                    case BF16 -> b.putShort(toBfloat16(v));
                    default -> throw new IllegalArgumentException(dtype.toString());
                }
            }
            JsonObject t = new JsonObject();
            t.addProperty("dtype", dtype.name());
            JsonArray s = new JsonArray();
            for (long d : shape) {
                s.add(d);
            }
            t.add("shape", s);
            JsonArray o = new JsonArray();
            o.add(offset);
            o.add(offset + b.capacity());
            t.add("data_offsets", o);
            header.add(e.getKey(), t);
            blobs.add(b.array());
            offset += b.capacity();
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(h.length)
                            .array());
            out.write(h);
            for (byte[] b : blobs) {
                out.write(b);
            }
        }
    }

    /** Round to nearest even, as a converting writer would. */
    static short toBfloat16(float f) {
        int bits = Float.floatToIntBits(f);
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    /** IEEE 754 binary32 to binary16, round to nearest even (subnormals, overflow to infinity). */
    static short toHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int rawExp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (rawExp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int exp = rawExp - 127 + 15;
        if (exp >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (exp <= 0) {
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exp << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    /** A raw file: an 8-byte length (which may lie), then the header text, then data bytes. */
    public static void raw(Path file, long claimedHeaderLength, String header, int dataBytes)
            throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(claimedHeaderLength)
                            .array());
            out.write(h);
            out.write(new byte[dataBytes]);
        }
    }
}
