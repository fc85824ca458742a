package org.taew.core.formats.parquet;

import java.util.Locale;
import org.taew.core.formats.parquet.CompactThrift.Struct;

/**
 * A top-level column as its schema element describes it: its physical type, whether its values are
 * text, whether the workbench reads it at all, and the type in words for messages.
 */
final class Leaf {
    static final int BOOLEAN = 0;
    static final int INT32 = 1;
    static final int INT64 = 2;
    static final int INT96 = 3;
    static final int FLOAT = 4;
    static final int DOUBLE = 5;
    static final int BYTE_ARRAY = 6;
    static final int FIXED = 7;

    final String name;
    final int physical;
    final int typeLength;

    /** Whether its pages carry definition levels (a nested column counts as optional). */
    final boolean optional;

    /** Whether the schema declares it optional (may hold nulls), as {@code Column} reports it. */
    final boolean nullable;

    final boolean unsigned32;

    /** Whether the workbench reads its values; false for nested, temporal, decimal, … columns. */
    final boolean readable;

    /** Whether its bytes are UTF-8 text (byte-array columns only). */
    final boolean text;

    final String type;

    private Leaf(
            String name,
            int physical,
            int typeLength,
            boolean optional,
            boolean nullable,
            boolean unsigned32,
            boolean readable,
            boolean text,
            String type) {
        this.name = name;
        this.physical = physical;
        this.typeLength = typeLength;
        this.optional = optional;
        this.nullable = nullable;
        this.unsigned32 = unsigned32;
        this.readable = readable;
        this.text = text;
        this.type = type;
    }

    /** The leaf of one top-level schema element; {@code nested} when it has children or repeats. */
    static Leaf of(String name, Struct e, boolean nested) {
        boolean nullable = e.i32(3, 0) == 1;
        if (nested) {
            Struct logical = e.structOrEmpty(10);
            int converted = e.i32(6, -1);
            String what =
                    logical.has(3) || converted == 3
                            ? "a list"
                            : logical.has(2) || converted == 1
                                    ? "a map"
                                    : e.i32(3, 0) == 2 ? "a repeated field" : "a struct";
            return new Leaf(name, -1, 0, true, nullable, false, false, false, what + " (nested)");
        }
        int physical = e.i32(1, -1);
        int converted = e.i32(6, -1);
        Struct logical = e.structOrEmpty(10);
        boolean optional = nullable;
        boolean text =
                converted == 0
                        || converted == 4
                        || converted == 19
                        || logical.has(1)
                        || logical.has(4)
                        || logical.has(12);
        boolean decimal = converted == 5 || logical.has(5);
        boolean float16 = logical.has(15);
        Struct integer = logical.structOrEmpty(10);
        boolean unsigned =
                (converted >= 11 && converted <= 14) || (integer.has(2) && !integer.bool(2, true));
        boolean unsigned32 = physical == INT32 && unsigned;
        boolean temporal =
                (converted >= 6 && converted <= 10)
                        || logical.has(6)
                        || logical.has(7)
                        || logical.has(8);
        if (decimal) {
            return unreadable(name, physical, optional, "a decimal");
        }
        if (physical == INT64 && unsigned) {
            return unreadable(
                    name, physical, optional, "uint64 (values past 2^63 do not fit a Java long)");
        }
        if (temporal) {
            return unreadable(name, physical, optional, "a date, time or timestamp");
        }
        if (float16) {
            return unreadable(name, physical, optional, "float16");
        }
        int length = e.i32(2, 0);
        return switch (physical) {
            case BOOLEAN -> readable(name, physical, 0, optional, false, false, "boolean");
            case INT32 ->
                    readable(
                            name,
                            physical,
                            0,
                            optional,
                            unsigned32,
                            false,
                            unsigned32 ? "uint32" : "int32");
            case INT64 -> readable(name, physical, 0, optional, false, false, "int64");
            case INT96 -> unreadable(name, physical, optional, "an INT96 timestamp");
            case FLOAT -> readable(name, physical, 0, optional, false, false, "float");
            case DOUBLE -> readable(name, physical, 0, optional, false, false, "double");
            case BYTE_ARRAY ->
                    readable(name, physical, 0, optional, false, text, text ? "string" : "binary");
            case FIXED ->
                    readable(
                            name,
                            physical,
                            length,
                            optional,
                            false,
                            text,
                            String.format(Locale.ROOT, "fixed_len_byte_array(%d)", length));
            default ->
                    unreadable(name, physical, optional, "of an unknown physical type " + physical);
        };
    }

    private static Leaf readable(
            String name,
            int physical,
            int typeLength,
            boolean optional,
            boolean unsigned32,
            boolean text,
            String type) {
        return new Leaf(
                name, physical, typeLength, optional, optional, unsigned32, true, text, type);
    }

    private static Leaf unreadable(String name, int physical, boolean optional, String type) {
        return new Leaf(name, physical, 0, optional, optional, false, false, false, type);
    }
}
