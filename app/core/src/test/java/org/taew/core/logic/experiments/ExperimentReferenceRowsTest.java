package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.DatasetFingerprint;
import org.taew.core.logic.evaluation.ArmResult;
import org.taew.core.logic.evaluation.LexicalArms;
import org.taew.core.logic.evaluation.RetrievalEvaluation;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.lexical.Bm25Settings;
import org.taew.core.logic.lexical.LexicalSettings;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.logic.session.SessionSetup;
import org.taew.core.model.Arm;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/** The BM25 reference row and the hybrid rows of an experiment's leaderboard. */
class ExperimentReferenceRowsTest {
    private static final ModeComparison.Settings FAST =
            new ModeComparison.Settings(2000, 1000, 42, 0.95);

    @TempDir static Path tmp;

    static Path home;
    static ExperimentSpec plainSpec;
    static ExperimentResult.ModelResult plain;
    static ExperimentResult.ModelResult againstBm25;

    @BeforeAll
    static void runTwoExperiments() throws Exception {
        plainSpec =
                read(
                        "plain",
                        """
                        datasets: [helpdesk-mini]
                        models: [e5-small-v2]
                        variants:
                          - {name: query-both, query: "query: {text}", document: "query: {text}"}
                        """);
        // in the shared home first (which makes the model's folder), then in one of its own whose
        // run history holds only this test's runs
        plain = run(plainSpec, WorkbenchHome.resolve()).results().get(0);
        home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.createSymbolicLink(
                WorkbenchHome.models(home), WorkbenchHome.models(WorkbenchHome.resolve()));
        againstBm25 =
                run(
                                read(
                                        "lexical",
                                        """
                                datasets: [helpdesk-mini]
                                models: [e5-small-v2]
                                baseline: bm25
                                hybrid: {fusion: convex, bm25_weight: 0.3}
                                variants:
                                  - {name: query-both, query: "query: {text}", document: "query: {text}"}
                                """),
                                home)
                        .results()
                        .get(0);
    }

    private static ExperimentSpec read(String name, String yaml) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return ExperimentReader.read(f);
    }

    private static SessionResolver resolver(Path h) {
        return new SessionResolver(Workspace.at(TestPaths.workspace()), h);
    }

    private static ExperimentResult run(ExperimentSpec spec, Path h) throws Exception {
        return ExperimentRunner.run(
                spec,
                resolver(h),
                SessionRequest.builder().optRecordAs(RunRecord.Origin.EXPERIMENT).build(),
                FAST,
                ProgressListener.NONE);
    }

    @Test
    void theBm25RowIsLexicalArmsBm25OnTheSameSplit() throws Exception {
        ExperimentResult.VariantResult bm25 = plain.variant("bm25");
        assertThat(bm25.arm()).isEqualTo(Arm.BM25);
        assertThat(plain.references()).containsExactly(bm25);
        assertThat(plain.leaderboard()).contains(bm25).hasSize(plain.variants().size() + 1);
        // BM25 as eval ranks and measures it, in an index of its own
        SessionSetup setup =
                resolver(home)
                        .resolve(
                                SessionRequest.builder()
                                        .optDataset("helpdesk-mini")
                                        .optModel("e5-small-v2")
                                        .build());
        RetrievalDataset data = setup.retrieval();
        boolean ignore = setup.identicalIds().ignore();
        RetrievalEvaluation.Settings settings = VariantScorer.settings(plainSpec, ignore);
        LexicalArms.Bm25Ranking ranking =
                LexicalArms.rankBm25(
                        data,
                        DatasetFingerprint.of(data),
                        tmp.resolve("own-index"),
                        Bm25Settings.ANSERINI,
                        settings.depth(),
                        ignore,
                        ProgressListener.NONE);
        ArmResult eval =
                LexicalArms.evaluate(
                                data, LexicalSettings.BM25, ranking, Map.of(), settings.measures())
                        .arms()
                        .get(Arm.BM25);
        assertThat(eval.scores().queryIds()).isEqualTo(plain.queryIds());
        assertThat(bm25.perQuery()).containsExactly(eval.scores().of(plainSpec.measure()));
        assertThat(bm25.mean()).isGreaterThan(0.3);
        // the index lies under the home's bm25 folder
        assertThat(WorkbenchHome.lexicalIndexes(home)).isDirectoryContaining(Files::isDirectory);
    }

    @Test
    void theBm25RowIsComparedWithTheBaselineLikeAVariant() {
        ExperimentResult.VariantResult bm25 = plain.variant("bm25");
        ExperimentResult.VariantResult general = plain.variant("general");
        assertThat(plain.baselineName()).isEqualTo("general");
        assertThat(bm25.delta()).isCloseTo(bm25.mean() - general.mean(), within(1e-12));
        assertThat(bm25.p()).isBetween(0.0, 1.0);
        assertThat(bm25.holm()).isGreaterThanOrEqualTo(bm25.p());
        assertThat(bm25.ci().low()).isLessThanOrEqualTo(bm25.mean());
        assertThat(bm25.wins() + bm25.losses()).isPositive();
        // no vectors of its own: only the top-10 overlap with general mode
        assertThat(bm25.diagnostics().queryCosine()).isNaN();
        assertThat(bm25.diagnostics().top10Overlap()).isBetween(0.0, 1.0);
    }

    @Test
    void withoutTheOptionThereIsNoHybridRow() {
        assertThat(plain.leaderboard()).noneMatch(v -> v.arm() == Arm.HYBRID);
        assertThat(plain.lexical()).contains("bm25 — ").doesNotContain("+ bm25");
    }

    @Test
    void bm25AsTheBaselineMeasuresEveryDeltaAgainstIt() {
        ExperimentResult.ModelResult m = againstBm25;
        assertThat(m.baselineName()).isEqualTo("bm25");
        ExperimentResult.VariantResult bm25 = m.variant("bm25");
        assertThat(bm25.p()).isNaN();
        assertThat(bm25.delta()).isZero();
        for (ExperimentResult.VariantResult v : m.leaderboard()) {
            assertThat(v.delta()).as(v.name()).isCloseTo(v.mean() - bm25.mean(), within(1e-12));
            if (!v.name().equals("bm25")) {
                assertThat(v.p()).as(v.name()).isBetween(0.0, 1.0);
            }
        }
        // the variants are the same as in the run against general mode; only the deltas move
        assertThat(m.variant("card").mean()).isEqualTo(plain.variant("card").mean());
        assertThat(m.variant("card").delta())
                .isCloseTo(
                        plain.variant("card").delta() - plain.variant("bm25").delta(),
                        within(1e-12));
    }

    @Test
    void aHybridRowPerVariantWhenAsked() throws Exception {
        assertThat(againstBm25.references())
                .extracting(ExperimentResult.VariantResult::name)
                .containsExactly("bm25", "general + bm25", "card + bm25", "query-both + bm25");
        assertThat(againstBm25.references().subList(1, 4)).allMatch(v -> v.arm() == Arm.HYBRID);
        assertThat(againstBm25.variant("card + bm25").instructions())
                .isEqualTo(againstBm25.variant("card").instructions());
        assertThat(againstBm25.lexical())
                .contains("0.30 × BM25 + 0.70 × each variant")
                .contains("never chosen");
        // recorded as eval records its arms: BM25 its own model, a hybrid the model + BM25
        try (RunHistory h = RunHistory.openForReading(WorkbenchHome.history(home))) {
            List<RunRecord> lexical =
                    h.list(RunHistory.Filter.ALL).stream()
                            .filter(r -> "lexical".equals(r.origin().experiment()))
                            .toList();
            RunRecord bm25 =
                    lexical.stream()
                            .filter(r -> r.origin().label().equals("bm25"))
                            .findFirst()
                            .orElseThrow();
            assertThat(bm25.model().name()).isEqualTo("BM25");
            assertThat(bm25.origin().source()).isEqualTo(RunRecord.Origin.EXPERIMENT);
            RunRecord general =
                    lexical.stream()
                            .filter(r -> r.origin().label().equals("general + bm25"))
                            .findFirst()
                            .orElseThrow();
            assertThat(general.model().name()).isEqualTo("e5-small-v2 + BM25");
            assertThat(general.model().engine()).startsWith("convex w=0.3 bm25+general;");
            assertThat(againstBm25.variant("general + bm25").runId()).isEqualTo(general.id());
            assertThat(lexical).hasSize(3 + 4);
        }
    }

    @Test
    void referenceRowsAreNeverChosenNorRanked() {
        for (ExperimentResult.ModelResult m : List.of(plain, againstBm25)) {
            List<String> variants =
                    m.variants().stream().map(ExperimentResult.VariantResult::name).toList();
            ExperimentResult.VariantResult bestVariant =
                    m.variants().stream()
                            .max(Comparator.comparingDouble(ExperimentResult.VariantResult::mean))
                            .orElseThrow();
            assertThat(m.selection().inSampleBest()).isEqualTo(bestVariant.name());
            assertThat(variants).containsAll(m.selection().chosenCounts().keySet());
            assertThat(m.sensitivity().ranked()).isEqualTo(variants.size());
            assertThat(m.variants()).noneMatch(ExperimentResult.VariantResult::reference);
        }
    }

    @Test
    void everyReportListsTheReferenceRows() {
        ExperimentResult r = new ExperimentResult(plainSpec, FAST, List.of(), List.of(againstBm25));
        assertThat(ExperimentReport.markdown(r))
                .contains("Δ against bm25")
                .contains("| bm25 (baseline) | — | — |")
                .contains("| general + bm25 † | `{text}` | `{text}` |")
                .contains("Reference rows: bm25 — ");
        assertThat(ExperimentReport.csv(r))
                .startsWith("dataset,split,model,variant,")
                .contains(",top10_overlap,arm\n")
                .contains(",bm25,,,ndcg_cut.10,")
                .contains(",bm25,")
                .contains(",hybrid\n");
        assertThat(ExperimentReport.latex(r))
                .contains("bm25 (baseline) &")
                .contains("query-both + bm25 &");
        assertThat(ExperimentJson.text(r))
                .contains("\"schema_version\": 5")
                .contains("\"arm\": \"bm25\"")
                .contains("\"arm\": \"hybrid\"")
                .contains("\"lexical\": \"Reference rows: bm25");
        assertThat(ExperimentReport.summary(List.of(r)))
                .contains("| card (rank) | bm25 |")
                .contains(
                        String.format(Locale.ROOT, "| %.4f |", againstBm25.variant("bm25").mean()));
    }
}
