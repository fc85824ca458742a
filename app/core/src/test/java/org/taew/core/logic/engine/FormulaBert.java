package org.taew.core.logic.engine;

import org.taew.core.logic.weights.BertConfig;
import org.taew.core.logic.weights.BertWeights;
import org.taew.core.logic.weights.Tensor;

/**
 * BERT's forward pass written out as loops in double precision, straight from the definition: the
 * oracle the tests hold the native encoder and TorchScript to. Slow; for tiny models only.
 */
final class FormulaBert {
    private final BertWeights w;
    private final BertConfig c;

    FormulaBert(BertWeights w) {
        this.w = w;
        this.c = w.config();
    }

    /** The last hidden state of one sequence ({@code mask} 1 for real tokens). */
    double[][] forward(long[] ids, long[] mask, long[] types) {
        int n = ids.length;
        int h = c.hiddenSize();
        float[] word = w.get("embeddings.word_embeddings.weight").floats();
        float[] pos = w.get("embeddings.position_embeddings.weight").floats();
        float[] type = w.get("embeddings.token_type_embeddings.weight").floats();
        double[][] x = new double[n][h];
        for (int t = 0; t < n; t++) {
            int p = c.positionOffset() + t;
            for (int d = 0; d < h; d++) {
                x[t][d] =
                        word[(int) ids[t] * h + d] + pos[p * h + d] + type[(int) types[t] * h + d];
            }
        }
        x = layerNorm(x, "embeddings.LayerNorm");
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            double[][] q = linear(x, p + "attention.self.query");
            double[][] k = linear(x, p + "attention.self.key");
            double[][] v = linear(x, p + "attention.self.value");
            int hs = c.headSize();
            double[][] ctx = new double[n][h];
            for (int head = 0; head < c.heads(); head++) {
                for (int i = 0; i < n; i++) {
                    double[] score = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        if (mask[j] == 0) {
                            score[j] = Double.NEGATIVE_INFINITY;
                            continue;
                        }
                        double s = 0;
                        for (int d = 0; d < hs; d++) {
                            s += q[i][head * hs + d] * k[j][head * hs + d];
                        }
                        score[j] = s / Math.sqrt(hs);
                        max = Math.max(max, score[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        score[j] = mask[j] == 0 ? 0 : Math.exp(score[j] - max);
                        sum += score[j];
                    }
                    for (int j = 0; j < n; j++) {
                        for (int d = 0; d < hs; d++) {
                            ctx[i][head * hs + d] += score[j] / sum * v[j][head * hs + d];
                        }
                    }
                }
            }
            x =
                    layerNorm(
                            add(linear(ctx, p + "attention.output.dense"), x),
                            p + "attention.output.LayerNorm");
            double[][] inner = linear(x, p + "intermediate.dense");
            for (double[] row : inner) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = 0.5 * row[d] * (1 + erf(row[d] / Math.sqrt(2)));
                }
            }
            x = layerNorm(add(linear(inner, p + "output.dense"), x), p + "output.LayerNorm");
        }
        return x;
    }

    private double[][] linear(double[][] x, String prefix) {
        Tensor wt = w.get(prefix + ".weight");
        float[] m = wt.floats();
        float[] b = w.get(prefix + ".bias").floats();
        boolean inputMajor = w.inputMajor(prefix + ".weight");
        int in = x[0].length;
        int out = b.length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * (inputMajor ? m[i * out + o] : m[o * in + i]);
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String prefix) {
        float[] g = w.get(prefix + ".weight").floats();
        float[] b = w.get(prefix + ".bias").floats();
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v;
            }
            mean /= x[t].length;
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[t].length;
            y[t] = new double[x[t].length];
            for (int d = 0; d < x[t].length; d++) {
                y[t][d] = (x[t][d] - mean) / Math.sqrt(var + c.layerNormEps()) * g[d] + b[d];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int d = 0; d < a[0].length; d++) {
                y[t][d] = a[t][d] + b[t][d];
            }
        }
        return y;
    }

    /** erf to about 1e-15 (a series near 0, the continued fraction of erfc beyond). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            double term = ax;
            double sum = ax;
            for (int k = 1; k < 200; k++) {
                term *= -ax * ax / k;
                double add = term / (2 * k + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int k = 60; k >= 1; k--) {
                f = k / 2.0 / (ax + f);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return x < 0 ? -r : r;
    }
}
