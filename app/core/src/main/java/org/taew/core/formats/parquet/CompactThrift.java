package org.taew.core.formats.parquet;

import static org.taew.core.formats.parquet.Varints.zigzag;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Thrift's compact protocol, the encoding of parquet's footer and page headers, into generic
 * structs: field id → value. Parquet's readers need a handful of fields of a handful of structs;
 * reading every struct generically keeps unknown fields (newer format versions) harmless.
 */
final class CompactThrift {
    private static final int BOOL_TRUE = 1;
    private static final int BOOL_FALSE = 2;
    private static final int BYTE = 3;
    private static final int I16 = 4;
    private static final int I32 = 5;
    private static final int I64 = 6;
    private static final int DOUBLE = 7;
    private static final int BINARY = 8;
    private static final int LIST = 9;
    private static final int SET = 10;
    private static final int MAP = 11;
    private static final int STRUCT = 12;
    private static final int MAX_DEPTH = 64;

    private final ByteBuffer in;

    private CompactThrift(ByteBuffer in) {
        this.in = in;
    }

    /** Reads one struct at the buffer's position and leaves the position after it. */
    static Struct readStruct(ByteBuffer in) throws FormatError {
        try {
            return new CompactThrift(in).struct(0);
        } catch (BufferUnderflowException
                | IndexOutOfBoundsException
                | IllegalArgumentException e) {
            throw new FormatError("a Thrift structure runs past its end");
        }
    }

    private Struct struct(int depth) throws FormatError {
        if (depth > MAX_DEPTH) {
            throw new FormatError("Thrift structures nested deeper than " + MAX_DEPTH);
        }
        Map<Integer, Object> fields = new HashMap<>();
        int last = 0;
        while (true) {
            int header = in.get() & 0xFF;
            if (header == 0) {
                return new Struct(fields);
            }
            int delta = header >>> 4;
            int type = header & 0x0F;
            int id = delta == 0 ? (short) zigzag(varint()) : last + delta;
            last = id;
            Object value =
                    type == BOOL_TRUE || type == BOOL_FALSE
                            ? (Boolean) (type == BOOL_TRUE)
                            : value(type, depth);
            fields.put(id, value);
        }
    }

    private Object value(int type, int depth) throws FormatError {
        return switch (type) {
            case BOOL_TRUE, BOOL_FALSE -> in.get() == BOOL_TRUE;
            case BYTE -> (long) in.get();
            case I16, I32, I64 -> zigzag(varint());
            case DOUBLE -> in.duplicate().order(ByteOrder.LITTLE_ENDIAN).getDouble(advance(8));
            case BINARY -> {
                byte[] b = new byte[length()];
                in.get(b);
                yield b;
            }
            case LIST, SET -> list(depth);
            case MAP -> map(depth);
            case STRUCT -> struct(depth + 1);
            default -> throw new FormatError("unknown Thrift field type " + type);
        };
    }

    private List<Object> list(int depth) throws FormatError {
        int header = in.get() & 0xFF;
        int size = header >>> 4;
        if (size == 15) {
            size = length();
        }
        int elementType = header & 0x0F;
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(value(elementType, depth + 1));
        }
        return list;
    }

    private Map<Object, Object> map(int depth) throws FormatError {
        int size = length();
        if (size == 0) {
            return Map.of();
        }
        int types = in.get() & 0xFF;
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Object k = value(types >>> 4, depth + 1);
            Object v = value(types & 0x0F, depth + 1);
            map.put(k instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : k, v);
        }
        return map;
    }

    private int advance(int n) {
        int at = in.position();
        in.position(at + n);
        return at;
    }

    private int length() throws FormatError {
        long n = varint();
        if (n < 0 || n > in.remaining()) {
            throw new FormatError("a Thrift length of " + n + " runs past the end of its bytes");
        }
        return (int) n;
    }

    private long varint() throws FormatError {
        return Varints.uleb(in);
    }

    /** A struct as its fields by id; absent optional fields are simply absent. */
    static final class Struct {
        private final Map<Integer, Object> fields;

        Struct(Map<Integer, Object> fields) {
            this.fields = fields;
        }

        boolean has(int id) {
            return fields.containsKey(id);
        }

        long i64(int id, long missing) {
            return fields.get(id) instanceof Long l ? l : missing;
        }

        int i32(int id, int missing) {
            return fields.get(id) instanceof Long l ? (int) (long) l : missing;
        }

        boolean bool(int id, boolean missing) {
            return fields.get(id) instanceof Boolean b ? b : missing;
        }

        String string(int id) {
            return fields.get(id) instanceof byte[] b
                    ? new String(b, StandardCharsets.UTF_8)
                    : null;
        }

        Struct struct(int id) {
            return fields.get(id) instanceof Struct s ? s : null;
        }

        Struct structOrEmpty(int id) {
            return fields.get(id) instanceof Struct s ? s : new Struct(Map.of());
        }

        List<?> list(int id) {
            return fields.get(id) instanceof List<?> l ? l : List.of();
        }
    }
}
