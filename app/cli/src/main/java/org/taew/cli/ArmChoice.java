package org.taew.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.taew.core.logic.lexical.Fusion;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.model.Arm;
import org.taew.core.model.Mode;
import picocli.CommandLine;

/**
 * {@code eval --mode}: the arms to evaluate, a comma-separated list of general, task-aware, bm25
 * and hybrid ({@code both}: general and task-aware; {@code all}: every arm), and the hybrid's
 * options.
 */
final class ArmChoice {
    /** What eval runs when not told: both modes with BM25 beside them as the lexical reference. */
    static final String DEFAULT = "general,task-aware,bm25";

    static final String NAMES =
            "general, task-aware, bm25, hybrid, both (general,task-aware) or all";

    final Set<Arm> arms;

    private ArmChoice(Set<Arm> arms) {
        this.arms = arms;
    }

    static ArmChoice parse(List<String> names) {
        Set<Arm> arms = EnumSet.noneOf(Arm.class);
        for (String n : names) {
            String name = n.trim();
            if (name.equalsIgnoreCase("both")) {
                arms.add(Arm.GENERAL);
                arms.add(Arm.TASK_AWARE);
            } else if (name.equalsIgnoreCase("all")) {
                arms.addAll(EnumSet.allOf(Arm.class));
            } else {
                Arm a = Arm.find(name);
                if (a == null) {
                    throw new CommandLine.TypeConversionException(
                            "--mode takes " + NAMES + ", not '" + name + "'");
                }
                arms.add(a);
            }
        }
        if (arms.isEmpty()) {
            throw new CommandLine.TypeConversionException("--mode names no arm; give " + NAMES);
        }
        return new ArmChoice(arms);
    }

    /** The dense modes to evaluate: those asked for and the hybrid's dense mode. */
    Set<Mode> modes(LexicalSettings lexical) {
        Set<Mode> m = EnumSet.noneOf(Mode.class);
        for (Arm a : arms) {
            if (a.dense()) {
                m.add(a.mode());
            }
        }
        if (lexical.hybrid() != null) {
            m.add(lexical.hybrid().dense());
        }
        return m;
    }

    /** Whether no arm needs the model: BM25 alone. */
    boolean lexicalOnly() {
        return arms.equals(EnumSet.of(Arm.BM25));
    }

    LexicalSettings lexical(HybridOptions h) {
        LexicalSettings base =
                arms.contains(Arm.BM25) ? LexicalSettings.BM25 : LexicalSettings.NONE;
        return arms.contains(Arm.HYBRID) ? base.withHybrid(h.settings()) : base;
    }

    /** The hybrid arm's options. */
    static final class HybridOptions {
        @CommandLine.Option(
                names = "--fusion",
                paramLabel = "rrf|convex",
                defaultValue = "rrf",
                description =
                        "How the hybrid arm fuses BM25 with its dense arm: rrf (reciprocal rank fusion) or"
                                + " convex (a weighted sum of min-max normalised scores) (default: ${DEFAULT-VALUE}).")
        String fusion;

        @CommandLine.Option(
                names = "--rrf-k",
                paramLabel = "K",
                defaultValue = "" + Fusion.RRF_K,
                description =
                        "The constant k of reciprocal rank fusion (default: ${DEFAULT-VALUE}).")
        int rrfK;

        @CommandLine.Option(
                names = "--bm25-weight",
                paramLabel = "W",
                defaultValue = "0.5",
                description =
                        "With --fusion convex: BM25's weight, 0 to 1; the dense arm gets 1 - W"
                                + " (default: ${DEFAULT-VALUE}).")
        double bm25Weight;

        @CommandLine.Option(
                names = "--hybrid-dense",
                paramLabel = "MODE",
                defaultValue = "task-aware",
                description =
                        "The dense arm the hybrid fuses with BM25: general or task-aware (default:"
                                + " ${DEFAULT-VALUE}).")
        String dense;

        HybridSettings settings() {
            Fusion.Method m = Fusion.Method.find(fusion);
            if (m == null) {
                throw new CommandLine.TypeConversionException(
                        "--fusion takes rrf or convex, not '" + fusion + "'");
            }
            Arm d = Arm.find(dense);
            if (d == null || !d.dense()) {
                throw new CommandLine.TypeConversionException(
                        "--hybrid-dense takes general or task-aware, not '" + dense + "'");
            }
            try {
                return new HybridSettings(m, rrfK, bm25Weight, d.mode());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
