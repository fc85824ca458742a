package org.taew.core.logic.weights;

/** Element types of stored weights that the native encoder reads. */
public enum DType {
    F32(4),
    F16(2),
    BF16(2),
    I64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
