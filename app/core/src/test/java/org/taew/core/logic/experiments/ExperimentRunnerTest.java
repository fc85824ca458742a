package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.model.Arm;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.model.Template;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

class ExperimentRunnerTest {
    private static final ModeComparison.Settings FAST =
            new ModeComparison.Settings(2000, 1000, 42, 0.95);

    @TempDir static Path tmp;

    static ExperimentResult result;

    /** The phases announced while the experiment of {@link #runOnHelpdesk} ran. */
    static List<String> helpdeskPhases;

    static final List<String> phases = Collections.synchronizedList(new ArrayList<>());

    /** Records the phases announced. */
    static final ProgressListener RECORDING =
            new ProgressListener() {
                @Override
                public void reset(String message, long max) {
                    phases.add(message + " (" + max + ")");
                }

                @Override
                public void increment(long steps) {}

                @Override
                public void end() {}
            };

    static SessionResolver resolver(Path workspace) {
        return new SessionResolver(Workspace.at(workspace), WorkbenchHome.resolve());
    }

    static Path experiment(String name, String yaml) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** Runs an experiment on the shipped workspace with the defaults, recording the phases. */
    static ExperimentResult runOnShippedWorkspace(ExperimentSpec spec) throws WorkbenchException {
        return ExperimentRunner.run(
                spec,
                resolver(TestPaths.workspace()),
                SessionRequest.builder().build(),
                FAST,
                RECORDING);
    }

    @BeforeAll
    static void runOnHelpdesk() throws Exception {
        ExperimentSpec spec =
                ExperimentReader.read(
                        experiment(
                                "wording",
                                """
                                datasets: [helpdesk-mini]
                                models: [e5-small-v2]
                                selection: {folds: 5, seed: 3}
                                variants:
                                  - {name: as-card, query: "query: {text}", document: "passage: {text}"}
                                  - {name: query-both, query: "query: {text}", document: "query: {text}"}
                                  - {name: no-words, query: "{text}", document: "{text}"}
                                  - {name: bge-only, families: [bge], query: "Find: {text}", document: "{text}"}
                                """));
        phases.clear();
        result = runOnShippedWorkspace(spec);
        helpdeskPhases = List.copyOf(phases);
    }

    private static ExperimentResult.ModelResult only() {
        assertThat(result.results()).hasSize(1);
        return result.results().get(0);
    }

    @Test
    void everyLeaderboardHasGeneralModeAndTheCardsDefault() {
        ExperimentResult.ModelResult m = only();
        assertThat(m.dataset()).isEqualTo("helpdesk-mini");
        assertThat(m.model().name()).isEqualTo("e5-small-v2");
        assertThat(m.variants())
                .extracting(ExperimentResult.VariantResult::name)
                .containsExactly("general", "card", "as-card", "query-both", "no-words");
        assertThat(m.variant("card").instructions().query().source()).isEqualTo("query: {text}");
        assertThat(m.queryIds()).hasSize(40);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void theSameTemplatesGiveTheSameNumbers() {
        ExperimentResult.ModelResult m = only();
        assertThat(m.variant("as-card").perQuery()).isEqualTo(m.variant("card").perQuery());
        assertThat(m.variant("no-words").perQuery()).isEqualTo(m.variant("general").perQuery());
        ExperimentResult.VariantResult general = m.variant("general");
        assertThat(general.diagnostics().queryCosine()).isCloseTo(1.0, within(1e-5));
        assertThat(general.diagnostics().documentCosine()).isCloseTo(1.0, within(1e-5));
        assertThat(general.diagnostics().top10Overlap()).isEqualTo(1.0);
        ExperimentResult.VariantResult card = m.variant("card");
        assertThat(card.diagnostics().queryCosine()).isLessThan(0.99);
        // the card's prefixes move some documents in or out of general mode's top 10, not most
        assertThat(card.diagnostics().top10Overlap()).isLessThan(1.0).isGreaterThan(0.5);
    }

    @Test
    void topTenOverlapIsTheShareOfGeneralModesTopTenKept() {
        List<ScoredDoc> general = new ArrayList<>();
        List<ScoredDoc> moved = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            general.add(new ScoredDoc("d" + i, 15 - i));
            moved.add(new ScoredDoc("d" + (i + 5), 15 - i)); // d5..d19: keeps d5..d9 of d0..d9
        }
        Run g = new Run(Map.of("q1", general, "q2", general, "q3", List.of()));
        Run r = new Run(Map.of("q1", moved, "q2", general, "q3", List.of()));
        // q1 keeps 5 of 10, q2 all 10, q3 has no top 10 to keep (counts as kept)
        assertThat(VariantDiagnostics.overlap(r, g, List.of("q1", "q2", "q3")))
                .isCloseTo((0.5 + 1 + 1) / 3, within(1e-12));
        assertThat(VariantDiagnostics.overlap(r, g, List.of("q1"))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void eachDistinctSideTemplateIsEncodedOnceInOneCall() {
        // documents: {text}, passage:, query: — queries: {text}, query: (general and no-words,
        // card and as-card share theirs): one request per side, 3 × 64 and 2 × 40 texts, and no
        // other request for either side
        assertThat(helpdeskPhases)
                .filteredOn(p -> p.contains(" templates ("))
                .containsExactlyInAnyOrder(
                        "3 documents templates (192)", "2 queries templates (80)");
    }

    @Test
    void theBaselineIsGeneralModeAndHolmNeverLowersAp() {
        ExperimentResult.ModelResult m = only();
        assertThat(m.baselineName()).isEqualTo("general");
        ExperimentResult.VariantResult general = m.variant("general");
        assertThat(general.delta()).isZero();
        assertThat(general.p()).isNaN();
        double[] base = general.perQuery();
        for (ExperimentResult.VariantResult v : m.variants()) {
            assertThat(v.ci().low()).isLessThanOrEqualTo(v.mean());
            assertThat(v.ci().high()).isGreaterThanOrEqualTo(v.mean());
            assertThat(v.perQuery()).hasSize(40);
            if (!v.name().equals("general")) {
                assertThat(v.holm()).isGreaterThanOrEqualTo(v.p());
                assertThat(v.delta())
                        .isCloseTo(
                                LeaderboardStatistics.mean(v.perQuery())
                                        - LeaderboardStatistics.mean(base),
                                within(1e-12));
                int wins = 0;
                int losses = 0;
                for (int q = 0; q < base.length; q++) {
                    wins += v.perQuery()[q] > base[q] + 1e-12 ? 1 : 0;
                    losses += v.perQuery()[q] < base[q] - 1e-12 ? 1 : 0;
                }
                assertThat(v.wins()).isEqualTo(wins);
                assertThat(v.losses()).isEqualTo(losses);
            }
        }
        // no-words is general mode again: no difference at all
        assertThat(m.variant("no-words").p()).isEqualTo(1.0);
    }

    @Test
    void sensitivityRanksTheCardAndGeneralMode() {
        ExperimentResult.ModelResult m = only();
        ExperimentResult.Sensitivity s = m.sensitivity();
        // card, as-card and query-both; no-words is general mode again
        assertThat(s.variants()).isEqualTo(3);
        assertThat(s.ranked()).isEqualTo(5);
        List<ExperimentResult.VariantResult> lb = m.leaderboard();
        assertThat(lb.get(s.cardRank() - 1).name()).isEqualTo("card");
        assertThat(lb.get(s.generalRank() - 1).name()).isEqualTo("general");
        assertThat(s.min()).isLessThanOrEqualTo(s.median());
        assertThat(s.median()).isLessThanOrEqualTo(s.max());
        for (int i = 1; i < lb.size(); i++) {
            assertThat(lb.get(i).mean()).isLessThanOrEqualTo(lb.get(i - 1).mean());
        }
    }

    private static ExperimentResult.VariantResult row(String name, InstructionPair p, double mean) {
        Significance.Interval ci = new Significance.Interval(mean, mean);
        return new ExperimentResult.VariantResult(
                name,
                p,
                mean,
                ci,
                0,
                ci,
                Double.NaN,
                Double.NaN,
                0,
                0,
                new ExperimentResult.Diagnostics(1, 1, 1),
                new double[] {mean},
                0,
                name.equals("general") ? Arm.GENERAL : Arm.TASK_AWARE);
    }

    @Test
    void withoutAWordedVariantThereIsNoSpreadButStillRanks() {
        ExperimentResult.Sensitivity s =
                ExperimentResult.Sensitivity.of(
                        List.of(
                                row("general", InstructionPair.GENERAL, 0.5),
                                row("card", InstructionPair.GENERAL, 0.5)));
        assertThat(s.variants()).isZero();
        assertThat(s.median()).isNaN();
        assertThat(s.generalRank()).isEqualTo(1);
        assertThat(s.cardRank()).isEqualTo(2);
        assertThat(ExperimentReport.sensitivity(s))
                .isEqualTo(
                        "Sensitivity to wording: no variant has an instruction. The model card's"
                                + " default ranks 2 of 2; general mode ranks 1.");
        InstructionPair worded =
                new InstructionPair(Template.parse("q: {text}"), Template.IDENTITY, false);
        ExperimentResult.Sensitivity three =
                ExperimentResult.Sensitivity.of(
                        List.of(
                                row("general", InstructionPair.GENERAL, 0.5),
                                row("a", worded, 0.2),
                                row("b", worded, 0.6),
                                row("c", worded, 0.4)));
        assertThat(three.variants()).isEqualTo(3);
        assertThat(three.min()).isEqualTo(0.2);
        assertThat(three.median()).isEqualTo(0.4);
        assertThat(three.max()).isEqualTo(0.6);
        assertThat(three.iqr()).isCloseTo(0.5 - 0.3, within(1e-12));
        assertThat(three.generalRank()).isEqualTo(2);
    }

    @Test
    void dimensionsRunEveryVariantAgainOnCutVectorsWithoutEncodingMore() throws Exception {
        ExperimentSpec spec =
                ExperimentReader.read(
                        experiment(
                                "dims",
                                """
                                datasets: [helpdesk-mini]
                                models: [e5-small-v2]
                                dimensions: [128, 32]
                                variants:
                                  - {name: query-both, query: "query: {text}", document: "query: {text}"}
                                """));
        phases.clear();
        ExperimentResult r = runOnShippedWorkspace(spec);
        ExperimentResult.ModelResult m = r.results().get(0);
        assertThat(m.leaderboard())
                .extracting(ExperimentResult.VariantResult::name)
                .containsExactlyInAnyOrder(
                        "general",
                        "card",
                        "query-both",
                        "general@128",
                        "card@128",
                        "query-both@128",
                        "bm25",
                        "general@32",
                        "card@32",
                        "query-both@32");
        // cut vectors rank differently from the full ones, and nothing more was encoded for them
        assertThat(m.variant("card@32").perQuery()).isNotEqualTo(m.variant("card").perQuery());
        assertThat(phases).contains("3 documents templates (192)", "2 queries templates (80)");
        // a model's full length is no dimension to cut to
        ExperimentSpec tooWide =
                ExperimentReader.read(
                        experiment(
                                "wide",
                                """
                                datasets: [helpdesk-mini]
                                models: [e5-small-v2]
                                dimensions: [384]
                                variants:
                                  - {name: a, query: "query: {text}", document: "passage: {text}"}
                                """));
        assertThatThrownBy(() -> runOnShippedWorkspace(tooWide))
                .hasMessageContaining(
                        "dimension 384 is not below the 384 dimensions of e5-small-v2");
    }

    @Test
    void withoutADevSplitTheChoiceIsCrossValidated() {
        ExperimentResult.Selection s = only().selection();
        assertThat(s.method()).startsWith("5-fold cross-validation");
        assertThat(s.chosen()).isNull();
        assertThat(s.chosenCounts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(5);
        assertThat(s.estimate()).isLessThanOrEqualTo(s.inSampleMean() + 1e-12);
    }

    @Test
    void aVariantForNoModelRunIsReported() {
        assertThat(result.warnings())
                .singleElement()
                .asString()
                .contains("wording.yaml:8: variant bge-only is for families [bge]")
                .contains("[e5]")
                .endsWith("not run");
    }

    @Test
    void crossValidationScoresEachFoldWithTheVariantChosenOnTheOthers() {
        // variant a is best on queries 0-3, b on 4-5; with two folds the choice differs per fold
        List<ExperimentSpec.Variant> variants =
                List.of(
                        new ExperimentSpec.Variant("a", InstructionPair.GENERAL, List.of(), 1),
                        new ExperimentSpec.Variant("b", InstructionPair.GENERAL, List.of(), 2));
        double[] a = {1, 1, 1, 1, 0, 0};
        double[] b = {0, 0, 0, 0, 1, 1};
        ExperimentResult.Selection s =
                VariantSelection.crossValidate(
                                new ExperimentSpec.Selection(false, "dev", 2, 1),
                                variants,
                                List.of(a, b))
                        .selection();
        assertThat(s.inSampleBest()).isEqualTo("a");
        assertThat(s.inSampleMean()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(s.chosenCounts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(2);
        // two folds of three queries; the fold holding j of a's four queries (j = 1, 2 or 3) is
        // scored with the variant chosen on the other fold: j = 2 both folds choose a (2 + 2 of 6
        // held-out queries right, the in-sample best's mean), else one fold chooses a and the
        // other b, which scores 0 on its held-out queries (1 of 6). Whatever the folds, the
        // estimate is what the chosen variants score on their held-out queries, never more than
        // the in-sample best
        assertThat(s.estimate())
                .satisfiesAnyOf(
                        e -> assertThat(e).isCloseTo(4.0 / 6, within(1e-12)),
                        e -> assertThat(e).isCloseTo(1.0 / 6, within(1e-12)));
        // over many shuffles both splits occur, and each gives exactly its estimate and choices
        Set<Double> seen = new TreeSet<>();
        for (long seed = 1; seed <= 30; seed++) {
            ExperimentResult.Selection t =
                    VariantSelection.crossValidate(
                                    new ExperimentSpec.Selection(false, "dev", 2, seed),
                                    variants,
                                    List.of(a, b))
                            .selection();
            boolean bothChooseA = Math.abs(t.estimate() - 4.0 / 6) < 1e-12;
            assertThat(t.estimate())
                    .as("seed " + seed)
                    .isCloseTo(bothChooseA ? 4.0 / 6 : 1.0 / 6, within(1e-12));
            assertThat(t.chosenCounts())
                    .as("seed " + seed)
                    .isEqualTo(bothChooseA ? Map.of("a", 2) : Map.of("a", 1, "b", 1));
            seen.add(Math.rint(t.estimate() * 6));
        }
        assertThat(seen).containsExactly(1.0, 4.0);
        // two identical variants: the first in file order is always chosen, the estimate is exact
        ExperimentResult.Selection same =
                VariantSelection.crossValidate(
                                new ExperimentSpec.Selection(false, "dev", 3, 9),
                                variants,
                                List.of(a, a))
                        .selection();
        assertThat(same.chosenCounts()).isEqualTo(Map.of("a", 3));
        assertThat(same.estimate()).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void aDevSplitChoosesAndTheTestSplitScoresTheChoice() throws Exception {
        // helpdesk-mini with its first 15 queries' judgments as a dev split
        Path ws = tmp.resolve("ws");
        Path copy = ws.resolve("datasets/helpdesk-dev");
        Files.createDirectories(copy.resolve("qrels"));
        Path source = TestPaths.workspace().resolve("datasets/helpdesk-mini");
        for (String f : List.of("corpus.jsonl", "queries.jsonl", "dataset.yaml")) {
            Files.copy(source.resolve(f), copy.resolve(f));
        }
        List<String> lines = Files.readAllLines(source.resolve("qrels/test.tsv"));
        List<String> dev = new ArrayList<>(List.of(lines.get(0)));
        List<String> test = new ArrayList<>(List.of(lines.get(0)));
        for (String l : lines.subList(1, lines.size())) {
            int q = Integer.parseInt(l.substring(1, 4));
            (q <= 15 ? dev : test).add(l);
        }
        Files.write(copy.resolve("qrels/dev.tsv"), dev);
        Files.write(copy.resolve("qrels/test.tsv"), test);
        Files.createDirectories(ws.resolve("instructions"));
        try (Stream<Path> s = Files.list(TestPaths.workspace().resolve("instructions"))) {
            for (Path p : s.toList()) {
                Files.copy(p, ws.resolve("instructions").resolve(p.getFileName()));
            }
        }
        ExperimentSpec spec =
                ExperimentReader.read(
                        experiment(
                                "dev",
                                """
                                datasets: [helpdesk-dev]
                                models: [e5-small-v2]
                                baseline: card
                                variants:
                                  - {name: query-both, query: "query: {text}", document: "query: {text}"}
                                """));
        ExperimentResult r =
                ExperimentRunner.run(
                        spec, resolver(ws), SessionRequest.builder().build(), FAST, RECORDING);
        ExperimentResult.ModelResult m = r.results().get(0);
        assertThat(m.split()).isEqualTo("test");
        assertThat(m.queryIds()).hasSize(25).doesNotContain("Q001", "Q015");
        assertThat(m.baselineName()).isEqualTo("card");
        assertThat(m.variant("card").p()).isNaN();
        ExperimentResult.Selection s = m.selection();
        assertThat(s.method()).isEqualTo("chosen on the dev split");
        assertThat(s.chosen()).isIn("general", "card", "query-both");
        assertThat(s.estimate()).isEqualTo(m.variant(s.chosen()).mean());
    }

    @Test
    void aCancelledExperimentKeepsTheVariantsItFinishedInTheHistory() throws Exception {
        Path home = tmp.resolve("cancel-home");
        Files.createDirectories(home);
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
        ExperimentSpec spec =
                ExperimentReader.read(
                        experiment(
                                "cancelled",
                                """
                                datasets: [helpdesk-mini]
                                models: [e5-small-v2]
                                variants:
                                  - {name: v1, query: "q1: {text}", document: "{text}"}
                                  - {name: v2, query: "q2: {text}", document: "{text}"}
                                  - {name: v3, query: "q3: {text}", document: "{text}"}
                                  - {name: v4, query: "q4: {text}", document: "{text}"}
                                """));
        // Cancel (an interrupt) after the fourth variant is measured: general, card, v1, v2
        ProgressListener cancelling =
                new ProgressListener() {
                    boolean measuring;
                    int measured;

                    @Override
                    public void reset(String message, long max) {
                        measuring = message.startsWith("searching and measuring");
                    }

                    @Override
                    public void increment(long steps) {
                        if (measuring && ++measured == 4) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void end() {}
                };
        try {
            assertThatThrownBy(
                            () ->
                                    ExperimentRunner.run(
                                            spec,
                                            new SessionResolver(
                                                    Workspace.at(TestPaths.workspace()), home),
                                            SessionRequest.builder()
                                                    .optRecordAs(RunRecord.Origin.EXPERIMENT)
                                                    .build(),
                                            FAST,
                                            cancelling))
                    .isInstanceOf(WorkbenchException.class)
                    .extracting(e -> ((WorkbenchException) e).kind())
                    .isEqualTo(WorkbenchException.Kind.CANCELLED);
        } finally {
            Thread.interrupted();
        }
        try (RunHistory h = RunHistory.openForReading(WorkbenchHome.history(home))) {
            assertThat(h.list(RunHistory.Filter.ALL))
                    .extracting(r -> r.origin().label())
                    .containsExactly("v2", "v1", "card", "general");
        }
    }

    @Test
    void stsPairFilesAreRefused() throws Exception {
        Path sts = TestPaths.stsBenchmarkTest();
        assumeTrue(sts != null, "../shared is not beside");
        ExperimentSpec spec =
                ExperimentReader.read(
                        experiment(
                                "sts",
                                "datasets: ["
                                        + sts
                                        + "]\nmodels: [e5-small-v2]\nvariants:\n"
                                        + "  - {name: a, query: \"query: {text}\", document: \"query: {text}\"}\n"));
        assertThatThrownBy(
                        () ->
                                ExperimentRunner.run(
                                        spec,
                                        resolver(TestPaths.workspace()),
                                        SessionRequest.builder().build(),
                                        FAST,
                                        ProgressListener.NONE))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("experiments take retrieval datasets");
    }

    @Test
    void theReportsSayTheSameAsTheResult() throws Exception {
        Path out = tmp.resolve("report");
        List<Path> files = ExperimentReport.write(out, result);
        ExperimentResult.ModelResult m = only();
        String md = Files.readString(out.resolve("leaderboard.md"));
        assertThat(md)
                .contains("# Experiment wording")
                .contains("## helpdesk-mini · e5-small-v2")
                .contains("40 queries evaluated; Δ against general")
                .contains("| general (baseline) | `{text}` | `{text}` |")
                .contains("`query: {text}` | `passage: {text}`")
                .contains("**Warning:** ")
                .contains("5-fold cross-validation");
        List<String> csv = Files.readAllLines(out.resolve("leaderboard.csv"));
        // the five variants and the bm25 reference
        assertThat(csv).hasSize(1 + 5 + 1);
        assertThat(csv.get(0)).startsWith("dataset,split,model,variant,query_template");
        ExperimentResult.VariantResult best = m.leaderboard().get(0);
        assertThat(csv.get(1))
                .startsWith("helpdesk-mini,test,e5-small-v2," + best.name() + ",")
                .contains(String.format(Locale.ROOT, "%.6f", best.mean()));
        String tex = Files.readString(out.resolve("leaderboard.tex"));
        assertThat(tex)
                .contains("\\textbf{" + String.format(Locale.ROOT, "%.4f", best.mean()))
                .contains("general (baseline)")
                .contains(". Recommendation: ");
        String json = Files.readString(out.resolve("experiment.json"));
        assertThat(json).contains("\"schema_version\": 5").contains("\"per_query\"");
        String revision = m.model().identity().substring(0, 12);
        Path mteb = out.resolve("mteb/e5-small-v2").resolve(revision);
        assertThat(mteb.resolve("model_meta.json")).exists();
        assertThat(mteb.resolve("helpdesk-mini.json")).exists();
        for (String v : List.of("general", "card", "as-card", "query-both", "no-words")) {
            assertThat(mteb.resolve("experiments").resolve(v).resolve("helpdesk-mini.json"))
                    .content()
                    .contains("\"ndcg_at_10\": " + m.variant(v).mean())
                    .contains("\"task_name\": \"helpdesk-mini\"");
        }
        assertThat(files).allSatisfy(f -> assertThat(f).exists());
        assertThat(ExperimentReport.summary(List.of(result)))
                .contains("| [helpdesk-mini](wording/leaderboard.md) | e5-small-v2 | nDCG@10 |");
    }
}
