package org.taew.core.logic.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX file the native encoder needs: the graph's nodes (name, operator, inputs,
 * outputs) and its weights (initializers, and tensors of {@code Constant} nodes). The file is
 * memory-mapped and read with {@link ProtoReader}; weights stay views into the mapping.
 */
public final class OnnxModel {
    /** One graph node. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {}

    private final List<Node> nodes;
    private final Map<String, Tensor> tensors;

    private OnnxModel(List<Node> nodes, Map<String, Tensor> tensors) {
        this.nodes = List.copyOf(nodes);
        this.tensors = tensors;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Initializers and Constant-node values by name (the name a node's input uses). */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public static OnnxModel read(Path file) throws IOException, MalformedWeightsException {
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new MalformedWeightsException(
                        file
                                + " is larger than 2 GB; such ONNX models keep weights in external"
                                + " files, which the native encoder does not read");
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            buf = m.order(ByteOrder.LITTLE_ENDIAN);
        }
        return parse(buf, file.toString());
    }

    static OnnxModel parse(ByteBuffer buf, String what) throws MalformedWeightsException {
        ProtoReader model = new ProtoReader(buf, 0, buf.limit(), what);
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        boolean sawGraph = false;
        while (model.hasMore()) {
            int field = model.nextField();
            if (field == 7 && model.wireType() == ProtoReader.LENGTH_DELIMITED) {
                sawGraph = true;
                readGraph(model.message(), buf, what, nodes, tensors);
            } else {
                model.skip();
            }
        }
        if (!sawGraph) {
            throw model.bad("no graph");
        }
        return new OnnxModel(nodes, tensors);
    }

    private static void readGraph(
            ProtoReader g,
            ByteBuffer buf,
            String what,
            List<Node> nodes,
            Map<String, Tensor> tensors)
            throws MalformedWeightsException {
        while (g.hasMore()) {
            int field = g.nextField();
            if (field == 1 && g.wireType() == ProtoReader.LENGTH_DELIMITED) {
                readNode(g.message(), buf, what, nodes, tensors);
            } else if (field == 5 && g.wireType() == ProtoReader.LENGTH_DELIMITED) {
                Tensor t = readTensor(g.message(), buf, what, null);
                if (t != null) {
                    tensors.put(t.name(), t);
                }
            } else {
                g.skip();
            }
        }
    }

    private static void readNode(
            ProtoReader n,
            ByteBuffer buf,
            String what,
            List<Node> nodes,
            Map<String, Tensor> tensors)
            throws MalformedWeightsException {
        String name = "";
        String op = "";
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        List<ProtoReader> attributes = new ArrayList<>();
        while (n.hasMore()) {
            int field = n.nextField();
            if (n.wireType() != ProtoReader.LENGTH_DELIMITED) {
                n.skip();
                continue;
            }
            switch (field) {
                case 1 -> in.add(n.string());
                case 2 -> out.add(n.string());
                case 3 -> name = n.string();
                case 4 -> op = n.string();
                case 5 -> attributes.add(n.message());
                default -> n.skip();
            }
        }
        if (op.equals("Constant") && out.size() == 1) {
            for (ProtoReader a : attributes) {
                Tensor t = readConstantValue(a, buf, what, out.get(0));
                if (t != null) {
                    tensors.put(t.name(), t);
                }
            }
        }
        nodes.add(new Node(name, op, List.copyOf(in), List.copyOf(out)));
    }

    private static Tensor readConstantValue(
            ProtoReader a, ByteBuffer buf, String what, String output)
            throws MalformedWeightsException {
        String name = null;
        Tensor t = null;
        while (a.hasMore()) {
            int field = a.nextField();
            if (field == 1 && a.wireType() == ProtoReader.LENGTH_DELIMITED) {
                name = a.string();
            } else if (field == 5 && a.wireType() == ProtoReader.LENGTH_DELIMITED) {
                t = readTensor(a.message(), buf, what, output);
            } else {
                a.skip();
            }
        }
        return "value".equals(name) ? t : null;
    }

    /** A TensorProto; null for element types the encoder never needs (strings, int8…). */
    private static Tensor readTensor(
            ProtoReader t, ByteBuffer buf, String what, String nameOverride)
            throws MalformedWeightsException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        int[] raw = null;
        int[] floatData = null;
        List<Long> int64Data = new ArrayList<>();
        boolean external = false;
        while (t.hasMore()) {
            int field = t.nextField();
            switch (field) {
                case 1 -> t.int64s(dims);
                case 2 -> dataType = (int) t.varint();
                case 4 -> floatData = t.lengthDelimited();
                case 7 -> t.int64s(int64Data);
                case 8 -> name = t.string();
                case 9 -> raw = t.lengthDelimited();
                case 14 -> external = t.varint() == 1;
                default -> t.skip();
            }
        }
        if (nameOverride != null) {
            name = nameOverride;
        }
        DType dtype =
                switch (dataType) {
                    case 1 -> DType.F32;
                    case 10 -> DType.F16;
                    case 16 -> DType.BF16;
                    case 7 -> DType.I64;
                    default -> null;
                };
        if (dtype == null) {
            return null;
        }
        if (external) {
            throw new MalformedWeightsException(
                    what
                            + ": the tensor "
                            + name
                            + " is stored in an external file, which the"
                            + " native encoder does not read");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long elements = 1;
        for (long d : shape) {
            if (d < 0 || (d > 0 && elements > Long.MAX_VALUE / d)) {
                throw t.bad("the tensor " + name + " has an impossible shape");
            }
            elements *= d;
        }
        ByteBuffer data;
        if (raw != null) {
            data = slice(buf, raw);
        } else if (floatData != null && dtype == DType.F32) {
            data = slice(buf, floatData);
        } else if (dtype == DType.I64 && !int64Data.isEmpty()) {
            ByteBuffer b = ByteBuffer.allocate(8 * int64Data.size()).order(ByteOrder.LITTLE_ENDIAN);
            int64Data.forEach(b::putLong);
            data = b.flip();
        } else {
            data = ByteBuffer.allocate(0);
        }
        if (data.remaining() != elements * dtype.bytes()) {
            throw t.bad(
                    "the tensor "
                            + name
                            + " holds "
                            + data.remaining()
                            + " bytes for "
                            + elements
                            + " values of "
                            + dtype);
        }
        return new Tensor(name, dtype, shape, data);
    }

    private static ByteBuffer slice(ByteBuffer buf, int[] range) {
        return buf.slice(range[0], range[1] - range[0]).order(ByteOrder.LITTLE_ENDIAN);
    }
}
