package org.taew.core.logic.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One stored weight: its name, element type, shape and little-endian bytes (a view into the mapped
 * file; nothing is copied until {@link #floats()}).
 */
public record Tensor(String name, DType dtype, long[] shape, ByteBuffer data) {
    public Tensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The values as 32-bit floats (half and bfloat16 widened exactly). */
    public float[] floats() {
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) elements();
        float[] out = new float[n];
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat(halfToFloatBits(b.getShort(2 * i)));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong(8 * i);
                }
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to binary32 bits (subnormals, infinities and NaN included). */
    static int halfToFloatBits(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return sign | 0x7f800000 | (mant << 13);
        }
        if (exp == 0) {
            if (mant == 0) {
                return sign;
            }
            int e = -1;
            do {
                mant <<= 1;
                e++;
            } while ((mant & 0x400) == 0);
            return sign | ((127 - 15 - e) << 23) | ((mant & 0x3ff) << 13);
        }
        return sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
