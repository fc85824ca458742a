package org.taew.core.logic.weights;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's safetensors format: an 8-byte little-endian header length, a JSON header naming
 * each tensor's dtype, shape and byte range, then the data. Nothing in it can run code. Every
 * number in the header is checked against the file before use: a header longer than the file, a
 * range outside the data, a shape that does not match its byte count, or overlapping tensors are
 * errors, never reads past the end or allocations sized by the header.
 */
public final class SafetensorsFile {
    /** Headers above this size are refused (the format's own reference limit is 100 MB). */
    static final long MAX_HEADER = 100L * 1024 * 1024;

    private SafetensorsFile() {}

    public static Map<String, Tensor> read(Path file)
            throws IOException, MalformedWeightsException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new MalformedWeightsException(
                        file + " is larger than 2 GB, which the native encoder does not map");
            }
            ByteBuffer all =
                    ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            return parse(all, file.toString());
        }
    }

    static Map<String, Tensor> parse(ByteBuffer all, String what) throws MalformedWeightsException {
        long size = all.limit();
        if (size < 8) {
            throw new MalformedWeightsException(
                    what + " is too short to be a safetensors file (" + size + " bytes)");
        }
        long headerLen = all.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
            throw new MalformedWeightsException(
                    what
                            + ": the header claims "
                            + headerLen
                            + " bytes but the file has "
                            + (size - 8)
                            + " after the length (truncated, or not a safetensors file)");
        }
        byte[] h = new byte[(int) headerLen];
        all.get(8, h);
        JsonObject header;
        try {
            JsonElement e = JsonParser.parseString(new String(h, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new MalformedWeightsException(what + ": the header is not a JSON object");
            }
            header = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new MalformedWeightsException(
                    what + ": the header is not valid JSON: " + e.getMessage());
        }
        long dataStart = 8 + headerLen;
        long dataLen = size - dataStart;
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        for (Map.Entry<String, JsonElement> en : header.entrySet()) {
            String name = en.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            if (!en.getValue().isJsonObject()) {
                throw new MalformedWeightsException(
                        what + ": the entry " + name + " is not an object");
            }
            JsonObject t = en.getValue().getAsJsonObject();
            DType dtype = dtype(t, name, what);
            long[] shape = longs(t, "shape", name, what);
            long[] offsets = longs(t, "data_offsets", name, what);
            if (offsets.length != 2
                    || offsets[0] < 0
                    || offsets[1] < offsets[0]
                    || offsets[1] > dataLen) {
                throw new MalformedWeightsException(
                        what
                                + ": "
                                + name
                                + " has data_offsets outside the file's "
                                + dataLen
                                + " data bytes");
            }
            long elements = 1;
            for (long d : shape) {
                if (d < 0 || (d > 0 && elements > Long.MAX_VALUE / d / 8)) {
                    throw new MalformedWeightsException(
                            what + ": " + name + " has an impossible shape");
                }
                elements *= d;
            }
            if (elements * dtype.bytes() != offsets[1] - offsets[0]) {
                throw new MalformedWeightsException(
                        what
                                + ": "
                                + name
                                + " has "
                                + (offsets[1] - offsets[0])
                                + " bytes for "
                                + elements
                                + " values of "
                                + dtype);
            }
            ranges.add(new long[] {offsets[0], offsets[1]});
            ByteBuffer data =
                    all.slice((int) (dataStart + offsets[0]), (int) (offsets[1] - offsets[0]))
                            .order(ByteOrder.LITTLE_ENDIAN);
            out.put(name, new Tensor(name, dtype, shape, data));
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i)[0] < ranges.get(i - 1)[1]) {
                throw new MalformedWeightsException(
                        what + ": two tensors share bytes (overlapping data_offsets)");
            }
        }
        return out;
    }

    private static DType dtype(JsonObject t, String name, String what)
            throws MalformedWeightsException {
        String d =
                t.has("dtype") && t.get("dtype").isJsonPrimitive()
                        ? t.get("dtype").getAsString()
                        : "";
        return switch (d) {
            case "F32" -> DType.F32;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            case "I64" -> DType.I64;
            default ->
                    throw new MalformedWeightsException(
                            what
                                    + ": "
                                    + name
                                    + " has dtype \""
                                    + d
                                    + "\"; the native encoder reads F32, F16 and BF16");
        };
    }

    private static long[] longs(JsonObject t, String key, String name, String what)
            throws MalformedWeightsException {
        if (!t.has(key) || !t.get(key).isJsonArray()) {
            throw new MalformedWeightsException(what + ": " + name + " has no " + key + " list");
        }
        var arr = t.getAsJsonArray(key);
        if (arr.size() > 16) {
            throw new MalformedWeightsException(
                    what + ": " + name + " has a " + key + " of " + arr.size() + " entries");
        }
        long[] v = new long[arr.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = arr.get(i).getAsLong();
            } catch (RuntimeException e) {
                throw new MalformedWeightsException(
                        what + ": " + name + " has a non-integer in " + key);
            }
        }
        return v;
    }
}
