package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.history.RunHistory;
import org.taew.core.logic.history.RunRecord;
import org.taew.core.logic.history.SearchRecord;
import org.taew.core.logic.session.SessionRequest;
import org.taew.core.logic.session.SessionResolver;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;
import org.taew.core.util.WorkbenchHome;
import org.taew.core.util.Workspace;

/** taew experiment search on the shipped helpdesk-mini with bge-small-en-v1.5. */
class ExperimentSearchTest {
    private static final ModeComparison.Settings FAST =
            new ModeComparison.Settings(500, 500, 42, 0.95);

    @TempDir static Path tmp;

    static ExperimentSearch.Plan plan;
    static ExperimentResult result;

    static ExperimentSpec spec(String name, String yaml) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return ExperimentReader.read(f);
    }

    @BeforeAll
    static void search() throws Exception {
        ExperimentSpec spec =
                spec(
                        "proposed",
                        """
                        datasets: [helpdesk-mini]
                        models: [bge-small-en-v1.5]
                        selection: {dev: none, folds: 4, seed: 5}
                        search: {candidates: 10, budget: 150, corpus-encodes: 1, seed: 7}
                        variants:
                          - {name: mine, families: [bge], query: "Find the article for: {text}", document: "{text}"}
                        """);
        List<ExperimentSearch.Plan> plans = new ArrayList<>();
        result =
                ExperimentSearch.run(
                        spec,
                        new SessionResolver(Workspace.at(TestPaths.workspace()), home()),
                        SessionRequest.builder().optRecordAs(RunRecord.Origin.EXPERIMENT).build(),
                        FAST,
                        plans::add,
                        ProgressListener.NONE);
        assertThat(plans).hasSize(1);
        plan = plans.get(0);
    }

    private static Path home() {
        return tmp.resolve("home");
    }

    private static ExperimentResult.ModelResult only() {
        assertThat(result.results()).hasSize(1);
        return result.results().get(0);
    }

    @Test
    void thePlanIsSaidBeforeTheSearchStarts() {
        assertThat(plan.searches()).isEqualTo(5); // four outer folds and the final search
        assertThat(plan.budget()).isEqualTo(150);
        assertThat(plan.wordings()).isBetween(3, 12); // the card, up to ten, the file's own
        assertThat(plan.seconds()).isPositive();
        assertThat(plan.describe())
                .startsWith(
                        "Searching "
                                + plan.wordings()
                                + " wordings for bge-small-en-v1.5 on"
                                + " helpdesk-mini")
                .contains("5 searches of at most 150 (wording, query) evaluations");
    }

    @Test
    void everySearchStaysWithinItsBudgetAndTheTraceSaysWhatWasTried() {
        ExperimentResult.SearchTrace t = only().search();
        assertThat(t).isNotNull();
        assertThat(t.proposed()).isEqualTo(plan.wordings());
        assertThat(t.steps())
                .extracting(ExperimentResult.SearchStep::name)
                .contains("card", "mine");
        assertThat(t.steps())
                .filteredOn(s -> s.name().equals("mine"))
                .allMatch(s -> s.origin().equals("experiment file"));
        // per search, a wording's queries only grow: its evaluations are its furthest step's
        Map<Integer, Map<String, Integer>> furthest = new HashMap<>();
        for (ExperimentResult.SearchStep s : t.steps()) {
            furthest.computeIfAbsent(s.fold(), f -> new HashMap<>())
                    .merge(s.name(), s.queries(), Math::max);
        }
        assertThat(furthest.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        int spent = 0;
        for (Map<String, Integer> perWording : furthest.values()) {
            int search = perWording.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(search).isLessThanOrEqualTo(150);
            spent += search;
        }
        // the outer folds' winners are also scored on their held-out queries (40 in all)
        assertThat(t.evaluations()).isEqualTo(spent + 40);
        // the embedding cache serves a query asked again: the model encodes far fewer texts
        assertThat(t.seconds()).isGreaterThanOrEqualTo(t.encodingSeconds());
        assertThat(t.encoded()).isLessThan(t.evaluations());
    }

    @Test
    void theChoiceIsJudgedOnQueriesTheSearchNeverSawBesideGeneralAndTheCard() {
        ExperimentResult.ModelResult m = only();
        List<String> names =
                m.leaderboard().stream().map(ExperimentResult.VariantResult::name).toList();
        assertThat(names).contains("general", "card", "bm25");
        ExperimentResult.Selection sel = m.selection();
        assertThat(sel.method()).contains("nested 4-fold");
        // the final search's choice is the one to adopt; the folds say how stable it is
        List<ExperimentResult.SearchStep> steps = only().search().steps();
        int lastRound =
                steps.stream()
                        .filter(s -> s.fold() == 0)
                        .mapToInt(ExperimentResult.SearchStep::round)
                        .max()
                        .getAsInt();
        String winner =
                steps.stream()
                        .filter(s -> s.fold() == 0 && s.round() == lastRound && s.kept())
                        .findFirst()
                        .orElseThrow()
                        .name();
        assertThat(sel.chosen()).isEqualTo(winner);
        assertThat(m.recommendation().chosen()).isEqualTo(winner);
        assertThat(m.recommendation().of()).isEqualTo(4);
        assertThat(m.recommendation().folds())
                .isEqualTo(sel.chosenCounts().getOrDefault(winner, 0));
        assertThat(names).contains(winner);
        assertThat(sel.chosenCounts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(4);
        assertThat(names)
                .containsAll(
                        sel.chosenCounts().keySet().stream()
                                .filter(n -> !n.equals("card"))
                                .toList());
        // the recommendation compares those held-out scores with general mode on the same queries
        ExperimentResult.VariantResult general = m.variant("general");
        assertThat(m.recommendation().delta())
                .isCloseTo(sel.estimate() - general.mean(), within(1e-9));
        assertThat(ExperimentReport.recommendation(m.recommendation()))
                .startsWith(
                        m.recommendation().adopt()
                                ? "Recommendation: use "
                                : "Recommendation: keep general");
    }

    @Test
    void theRunHistoryKeepsTheTraceAndTheBoardsRunsOnly() throws Exception {
        ExperimentResult.ModelResult m = only();
        try (RunHistory h = RunHistory.openForReading(WorkbenchHome.history(home()))) {
            List<SearchRecord> found = h.searches(null, null, 0);
            assertThat(found).hasSize(1);
            SearchRecord s = h.search(found.get(0).id());
            assertThat(s.trace().chosen()).isEqualTo(found.get(0).trace().chosen());
            assertThat(s.data().name()).isEqualTo(m.dataset());
            assertThat(s.data().split()).isEqualTo(m.split());
            assertThat(s.model().name()).isEqualTo(m.model().name());
            SearchRecord.Trace t = s.trace();
            assertThat(t.experiment()).isEqualTo("proposed");
            assertThat(t.measure()).isEqualTo("ndcg_cut.10");
            assertThat(t.chosen()).isEqualTo(m.recommendation().chosen());
            assertThat(t.recommendation())
                    .isEqualTo(ExperimentReport.recommendation(m.recommendation()));
            assertThat(t.spent().evaluations()).isEqualTo(m.search().evaluations());
            assertThat(t.spent().budget()).isEqualTo(m.search().budget());
            assertThat(t.searches()).isEqualTo(5); // four outer folds and the final search
            List<ExperimentResult.SearchStep> steps = m.search().steps();
            assertThat(t.steps()).hasSize(steps.size());
            for (int i = 0; i < steps.size(); i++) {
                ExperimentResult.SearchStep e = steps.get(i);
                SearchRecord.Step r = t.steps().get(i);
                assertThat(List.of(r.fold(), r.round(), r.queries()))
                        .containsExactly(e.fold(), e.round(), e.queries());
                assertThat(r.wording()).isEqualTo(e.name());
                assertThat(r.origin()).isEqualTo(e.origin());
                assertThat(r.templates()).isEqualTo(RunRecord.Templates.of(e.instructions()));
                assertThat(r.mean()).isCloseTo(e.mean(), within(1e-12));
                assertThat(r.kept()).isEqualTo(e.kept());
            }
            // a step scored a wording on some queries: only the leaderboard's rows are runs
            List<String> board = new ArrayList<>();
            m.variants().forEach(v -> board.add(v.name()));
            m.references().forEach(v -> board.add(v.name()));
            assertThat(h.list(RunHistory.Filter.ALL))
                    .extracting(r -> r.origin().label())
                    .containsExactlyInAnyOrderElementsOf(board);
        }
    }

    @Test
    void theFilesHoldTheTrace() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        List<Path> files = ExperimentReport.write(out, result);
        assertThat(files).contains(out.resolve(ExperimentReport.SEARCH_TRACE));
        List<String> rows = Files.readAllLines(out.resolve(ExperimentReport.SEARCH_TRACE));
        assertThat(rows.get(0))
                .isEqualTo(
                        "dataset,model,fold,round,wording,origin,query_template,document_template,queries,mean,kept");
        assertThat(rows).hasSize(1 + only().search().steps().size());
        assertThat(Files.readString(out.resolve("experiment.json")))
                .contains("\"schema_version\": 5")
                .contains("\"search\": {")
                .contains("\"origin\": \"experiment file\"");
        assertThat(Files.readString(out.resolve("leaderboard.md")))
                .contains(ExperimentReport.search(only().search()));
    }

    @Test
    void aBudgetTooSmallIsRefusedBeforeAnythingIsScored() throws Exception {
        ExperimentSpec tiny =
                spec(
                        "tiny",
                        """
                        datasets: [helpdesk-mini]
                        models: [bge-small-en-v1.5]
                        selection: {dev: none, folds: 4}
                        search: {candidates: 10, budget: 5}
                        """);
        List<ExperimentSearch.Plan> plans = new ArrayList<>();
        assertThatThrownBy(
                        () ->
                                ExperimentSearch.run(
                                        tiny,
                                        ExperimentRunnerTest.resolver(TestPaths.workspace()),
                                        SessionRequest.builder().build(),
                                        FAST,
                                        plans::add,
                                        ProgressListener.NONE))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("(test split, 40 judged queries, 30 searched at a time)")
                .hasMessageContaining("evaluations per search, and it is 5");
        assertThat(plans).isEmpty();
    }

    @Test
    void theSearchBlockIsReadStrictly() throws Exception {
        ExperimentSpec s = spec("defaults", "datasets: [helpdesk-mini]\nsearch: {candidates: 5}\n");
        assertThat(s.search()).isEqualTo(new ExperimentSpec.Search(5, 0, 0, 1, 42));
        assertThat(s.search().budgetFor(40)).isEqualTo(320);
        assertThat(s.variants()).isEmpty();
        assertThatThrownBy(() -> spec("bad", "datasets: [helpdesk-mini]\nsearch: {rounds: 0}\n"))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("bad.yaml:2")
                .hasMessageContaining("rounds must be 1 or more, not 0");
        assertThatThrownBy(
                        () -> spec("unknown", "datasets: [helpdesk-mini]\nsearch: {budgte: 9}\n"))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("budgte");
        assertThatThrownBy(() -> spec("none", "datasets: [helpdesk-mini]\n"))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("no variants");
        // a file of a search block alone is written back with it
        ExperimentSpec bare = spec("bare", "datasets: [helpdesk-mini]\nsearch: {}\n");
        Path written = tmp.resolve("bare-again.yaml");
        ExperimentWriter.write(written, bare);
        assertThat(ExperimentReader.read(written).search())
                .isEqualTo(ExperimentSpec.Search.DEFAULT);
        // written back as read
        ExperimentSpec custom =
                spec(
                        "custom",
                        "datasets: [helpdesk-mini]\nsearch: {candidates: 7, budget: 90, rounds: 2, corpus-encodes: 0, seed: 3}\n");
        Path again = tmp.resolve("again.yaml");
        ExperimentWriter.write(again, custom);
        assertThat(ExperimentReader.read(again).search()).isEqualTo(custom.search());
    }
}
