package org.taew.core.logic.experiments;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.lexical.HybridSettings;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;

/**
 * An instruction experiment as its file describes it (docs/formats.md, "Experiments"): datasets,
 * models, a task, how the best variant is chosen, the baseline the variants are compared with, and
 * the variants — each a name and the templates of both sides, for the model families it names.
 *
 * @param file the experiment file, or null for variants made in the desktop
 * @param name a name for the results
 * @param datasets dataset names or folders
 * @param models model names or folders; empty for every bundled model
 * @param task the task of the instruction files, or null for each dataset's own
 * @param split the split the variants are scored on, or null for the default
 * @param selection how the best variant is chosen
 * @param measure the main measure
 * @param baseline what every variant's difference is measured against
 * @param variants the variants of the file (grids expanded), in file order
 * @param dimensions Matryoshka dimensions to run every variant at besides the full vectors (the
 *     grid's dimension axis): each adds a copy of each variant, general mode and the card included,
 *     named {@code <variant>@<dimension>}; empty for the full vectors only
 * @param hybrid how each variant's ranking is fused with BM25's for a {@code <variant> + bm25}
 *     reference row (its dense mode is the variant's: not read), or null for no hybrid rows
 * @param search how {@code taew experiment search} proposes wordings ({@link Search#DEFAULT} when
 *     the file has no {@code search} block)
 */
public record ExperimentSpec(
        Path file,
        String name,
        List<String> datasets,
        List<String> models,
        String task,
        String split,
        Selection selection,
        MetricId measure,
        Baseline baseline,
        List<Variant> variants,
        List<Integer> dimensions,
        HybridSettings hybrid,
        Search search) {
    public ExperimentSpec {
        datasets = List.copyOf(datasets);
        models = List.copyOf(models);
        variants = List.copyOf(variants);
        dimensions = List.copyOf(dimensions);
        search = search == null ? Search.DEFAULT : search;
    }

    /**
     * How {@code taew experiment search} proposes and searches wordings (the file's {@code search}
     * block); the search is docs/formats.md's "Instruction search".
     *
     * @param candidates the most wordings the search proposes, besides the file's own variants
     * @param budget the most (candidate, query) evaluations each search may spend; 0 for eight
     *     times the queries it searches on
     * @param rounds the most halving rounds, 0 for as many as halving needs
     * @param corpusEncodes the most document templates besides the card's whose corpus vectors the
     *     search may encode (each is a pass over every document)
     * @param seed the seed of the candidates and of the order the queries are scored in
     */
    public record Search(int candidates, int budget, int rounds, int corpusEncodes, long seed) {
        public static final Search DEFAULT = new Search(24, 0, 0, 1, 42);

        /** The evaluations a search on {@code queries} queries may spend. */
        public int budgetFor(int queries) {
            return budget > 0 ? budget : 8 * queries;
        }
    }

    /** The name of the variant with no instruction (always on the leaderboard). */
    public static final String GENERAL = "general";

    /** The name of the model card's default: the instruction file's templates (always too). */
    public static final String CARD = "card";

    /**
     * The Matryoshka dimensions a leaderboard row's name carries: {@code d} for {@code name@d}, a
     * copy {@link Variant#at} made for one of this file's {@code dimensions}; 0 for any other name.
     */
    public int dimensionOf(String rowName) {
        for (int d : dimensions) {
            if (rowName.endsWith("@" + d) && rowName.length() > ("@" + d).length()) {
                return d;
            }
        }
        return 0;
    }

    /**
     * The name of the lexical reference row (BM25 with Anserini's defaults), on every leaderboard.
     */
    public static final String BM25 = "bm25";

    /** What the variants are compared with. */
    public enum Baseline {
        /** No instruction. */
        GENERAL,
        /** The instruction file's (or the model's prompts') templates for the task. */
        CARD,
        /** BM25 with Anserini's defaults: the lexical reference. */
        BM25;

        /** As the experiment file and the reports name it: general, card or bm25. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How the best variant is chosen without scoring it on the queries it was chosen on: on the
     * {@code dev} split when there is one (and {@code useDev}), else by {@code folds}-fold
     * cross-validation over the queries, shuffled with {@code seed}.
     */
    public record Selection(boolean useDev, String devSplit, int folds, long seed) {
        public static final Selection DEFAULT = new Selection(true, "dev", 5, 42);
    }

    /**
     * A variant.
     *
     * @param families the model families it is for (empty: every model)
     * @param line the line of the file that defines it
     * @param dimension the Matryoshka dimensions its vectors are cut to, 0 for all
     */
    public record Variant(
            String name,
            InstructionPair instructions,
            List<String> families,
            int line,
            int dimension) {
        public Variant {
            families = List.copyOf(families);
        }

        /** A variant of the full vectors. */
        public Variant(String name, InstructionPair instructions, List<String> families, int line) {
            this(name, instructions, families, line, 0);
        }

        /** This variant with its vectors cut to {@code d} dimensions, named {@code name@d}. */
        public Variant at(int d) {
            return new Variant(name + "@" + d, instructions, families, line, d);
        }

        /** General mode (itself or at a dimension) or task-aware mode (every other variant). */
        public Mode mode() {
            return name.equals(GENERAL) || name.startsWith(GENERAL + "@")
                    ? Mode.GENERAL
                    : Mode.TASK_AWARE;
        }

        /** Whether the variant is for a model of {@code family}. */
        public boolean appliesTo(String family) {
            return families.isEmpty() || families.contains(family);
        }
    }
}
