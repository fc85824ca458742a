package org.taew.core.logic.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named weights checked against what a forward pass needs: every expected tensor is there with the
 * shape the config implies, as floats.
 */
public final class WeightSet {
    private final Map<String, Tensor> tensors;

    private WeightSet(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    /** The tensor of that name; it was checked to be there. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no weight " + name);
        }
        return t;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /**
     * Keeps the expected tensors of {@code named}, or throws one message listing every missing one
     * and every wrong shape.
     *
     * @param transposed names stored {@code [in, out]} whose expected 2-d shape is swapped
     * @param what the file, for the message
     * @param describes what the config describes, e.g. {@code the t5 encoder its config describes
     *     (2 layers, hidden size 32)}
     */
    static WeightSet check(
            Map<String, Tensor> named,
            Map<String, long[]> expected,
            Set<String> transposed,
            String what,
            String describes)
            throws MalformedWeightsException {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<String, Tensor> kept = new HashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = named.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
                continue;
            }
            long[] want = e.getValue();
            if (transposed.contains(e.getKey()) && want.length == 2) {
                want = new long[] {want[1], want[0]};
            }
            if (!Arrays.equals(t.shape(), want)) {
                wrong.add(
                        e.getKey()
                                + " is "
                                + Arrays.toString(t.shape())
                                + ", expected "
                                + Arrays.toString(want));
            }
            if (t.dtype() == DType.I64) {
                wrong.add(e.getKey() + " holds integers");
            }
            kept.put(e.getKey(), t);
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            missing.sort(null);
            throw new MalformedWeightsException(
                    what
                            + " does not hold "
                            + describes
                            + (missing.isEmpty() ? "" : "; missing: " + abbreviate(missing))
                            + (wrong.isEmpty() ? "" : "; wrong shape: " + abbreviate(wrong)));
        }
        return new WeightSet(kept);
    }

    /** The first dimension of a 2-d tensor (a vocabulary), or 1 when absent or not 2-d. */
    static long rows(Map<String, Tensor> named, String name) {
        Tensor t = named.get(name);
        return t == null || t.shape().length != 2 ? 1 : t.shape()[0];
    }

    /** Names without a leading prefix of the list (the first that matches). */
    static Map<String, Tensor> stripped(Map<String, Tensor> file, List<String> prefixes) {
        Map<String, Tensor> named = new HashMap<>();
        for (Map.Entry<String, Tensor> e : file.entrySet()) {
            String n = e.getKey();
            for (String p : prefixes) {
                if (n.startsWith(p)) {
                    n = n.substring(p.length());
                    break;
                }
            }
            named.put(n, e.getValue());
        }
        return named;
    }

    private static String abbreviate(List<String> items) {
        return items.size() <= 6
                ? String.join(", ", items)
                : String.join(", ", items.subList(0, 6)) + " and " + (items.size() - 6) + " more";
    }
}
