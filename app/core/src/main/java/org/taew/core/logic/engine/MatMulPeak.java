package org.taew.core.logic.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.taew.core.util.WorkbenchException;

/**
 * The machine's fp32 matrix-multiply rate as ONNX Runtime reaches it: a graph of one MatMul node,
 * built here as ONNX protobuf bytes, run on {@code [m, k] x [k, n]} with one intra-op thread per
 * core; and PyTorch's rate on given shapes ({@link #torchGflops}). Together they give the limit an
 * encoder is measured against (the benchmarks print it): no encoder's linear layers can multiply
 * faster than the engine multiplies one large pair of matrices.
 */
public final class MatMulPeak {
    private MatMulPeak() {}

    /** GFLOP/s of ONNX Runtime's MatMul on {@code [m, k] x [k, n]}, best of {@code reps}. */
    public static double onnxRuntimeGflops(int m, int k, int n, int reps)
            throws WorkbenchException {
        try {
            return onnxRuntime(m, k, n, reps);
        } catch (OrtException e) {
            throw new WorkbenchException(
                    WorkbenchException.Kind.MODEL, "ONNX Runtime's MatMul failed: " + e, e);
        }
    }

    /**
     * PyTorch's fp32 matmul rate in GFLOP/s on {@code [m, k] x [k, n]} for each {@code {k, n}} of
     * {@code shapes}, {@code reps} times each after warming up.
     */
    public static double torchGflops(int m, long[][] shapes, int reps) {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            double flops = 0;
            long nanos = 0;
            for (long[] s : shapes) {
                NDArray a = manager.randomUniform(-1, 1, new Shape(m, s[0]), DataType.FLOAT32);
                NDArray b = manager.randomUniform(-1, 1, new Shape(s[0], s[1]), DataType.FLOAT32);
                for (int w = 0; w < 3; w++) {
                    a.matMul(b).close();
                }
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    a.matMul(b).close(); // PyTorch's CPU kernels are synchronous: the product is
                    // complete here
                }
                nanos += System.nanoTime() - t0;
                flops += 2.0 * m * s[0] * s[1] * reps;
            }
            return flops / nanos;
        }
    }

    private static double onnxRuntime(int m, int k, int n, int reps) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            try (OrtSession session = env.createSession(model(m, k, n), options);
                    OnnxTensor a = random(env, m, k, 1);
                    OnnxTensor b = random(env, k, n, 2)) {
                Map<String, OnnxTensor> in = Map.of("A", a, "B", b);
                for (int w = 0; w < 2; w++) {
                    session.run(in).close();
                }
                long best = Long.MAX_VALUE;
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    session.run(in).close();
                    best = Math.min(best, System.nanoTime() - t0);
                }
                return 2.0 * m * k * n / best;
            }
        }
    }

    private static OnnxTensor random(OrtEnvironment env, int rows, int cols, long seed)
            throws OrtException {
        Random r = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), new long[] {rows, cols});
    }

    /** ModelProto bytes: inputs A [m, k], B [k, n]; Y = MatMul(A, B); opset 13. */
    static byte[] model(int m, int k, int n) {
        byte[] node = message(string(1, "A"), string(1, "B"), string(2, "Y"), string(4, "MatMul"));
        byte[] graph =
                message(
                        field(1, node),
                        string(2, "matmul"),
                        field(11, valueInfo("A", m, k)),
                        field(11, valueInfo("B", k, n)),
                        field(12, valueInfo("Y", m, n)));
        byte[] opset = message(string(1, ""), varintField(2, 13));
        return message(varintField(1, 7), field(7, graph), field(8, opset));
    }

    private static byte[] valueInfo(String name, int rows, int cols) {
        byte[] shape =
                message(
                        field(1, message(varintField(1, rows))),
                        field(1, message(varintField(1, cols))));
        byte[] tensor = message(varintField(1, 1), field(2, shape)); // elem_type 1 = FLOAT
        return message(string(1, name), field(2, message(field(1, tensor))));
    }

    private static byte[] message(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fields) {
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    private static byte[] string(int number, String s) {
        return field(number, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A length-delimited field (wire type 2). */
    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, ((long) number << 3) | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** A varint field (wire type 0). */
    private static byte[] varintField(int number, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3);
        varint(out, value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
