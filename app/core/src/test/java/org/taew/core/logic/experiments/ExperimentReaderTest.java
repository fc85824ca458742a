package org.taew.core.logic.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.TestPaths;
import org.taew.core.logic.lexical.Fusion;
import org.taew.core.model.MetricId;
import org.taew.core.model.Side;
import org.taew.core.util.WorkbenchException;

class ExperimentReaderTest {
    @TempDir Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("wording.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void gridsExpandToEveryCombinationNamedByPosition() throws Exception {
        ExperimentSpec s =
                ExperimentReader.read(
                        file(
                                """
                                datasets: [helpdesk-mini, qa-passages]
                                models: e5-small-v2
                                measure: recip_rank
                                baseline: card
                                selection: {dev: none, folds: 4, seed: 7}
                                variants:
                                  - name: plain
                                    query: "{text}"
                                    document: "{text}"
                                grids:
                                  - name: e5
                                    families: [e5]
                                    query: ["query: {text}", "search_query: {text}"]
                                    document: ["passage: {text}", "{text}"]
                                  - name: bge
                                    families: bge
                                    query: "{task} {text}"
                                    document: "{text}"
                                    instructions: [Find the article., Retrieve the answer.]
                                """));
        assertThat(s.name()).isEqualTo("wording");
        assertThat(s.datasets()).containsExactly("helpdesk-mini", "qa-passages");
        assertThat(s.models()).containsExactly("e5-small-v2");
        assertThat(s.measure()).isEqualTo(MetricId.parse("recip_rank"));
        assertThat(s.baseline()).isEqualTo(ExperimentSpec.Baseline.CARD);
        assertThat(s.selection()).isEqualTo(new ExperimentSpec.Selection(false, "dev", 4, 7));
        assertThat(s.variants())
                .extracting(ExperimentSpec.Variant::name)
                .containsExactly(
                        "plain",
                        "e5-q1-d1",
                        "e5-q1-d2",
                        "e5-q2-d1",
                        "e5-q2-d2",
                        "bge-i1",
                        "bge-i2");
        ExperimentSpec.Variant q2d1 = s.variants().get(3);
        assertThat(q2d1.instructions().template(Side.QUERY).source())
                .isEqualTo("search_query: {text}");
        assertThat(q2d1.instructions().template(Side.DOCUMENT).source())
                .isEqualTo("passage: {text}");
        assertThat(q2d1.line()).isEqualTo(11);
        assertThat(q2d1.appliesTo("e5")).isTrue();
        assertThat(q2d1.appliesTo("bge")).isFalse();
        assertThat(s.variants().get(0).appliesTo("anything")).isTrue();
        assertThat(s.variants().get(6).instructions().prepare(Side.QUERY, "vpn").text())
                .isEqualTo("Retrieve the answer. vpn");
    }

    @Test
    void theDefaultsAreGeneralModeNdcgAtTenAndTheDevSplitElseFiveFolds() throws Exception {
        ExperimentSpec s =
                ExperimentReader.read(
                        file(
                                "datasets: helpdesk-mini\nvariants:\n"
                                        + "  - {name: a, query: \"q: {text}\", document: \"{text}\"}\n"));
        assertThat(s.models()).isEmpty();
        assertThat(s.task()).isNull();
        assertThat(s.split()).isNull();
        assertThat(s.measure()).isEqualTo(MetricId.parse("ndcg_cut.10"));
        assertThat(s.baseline()).isEqualTo(ExperimentSpec.Baseline.GENERAL);
        assertThat(s.selection()).isEqualTo(ExperimentSpec.Selection.DEFAULT);
        assertThat(s.hybrid()).isNull();
    }

    @Test
    void bm25CanBeTheBaselineAndAHybridIsNamedByItsFusion() throws Exception {
        String variants = "variants:\n  - {name: a, query: \"q: {text}\", document: \"{text}\"}\n";
        ExperimentSpec rrf =
                ExperimentReader.read(
                        file("datasets: [x]\nbaseline: bm25\nhybrid: rrf\n" + variants));
        assertThat(rrf.baseline()).isEqualTo(ExperimentSpec.Baseline.BM25);
        assertThat(rrf.hybrid().fusion()).isEqualTo(Fusion.Method.RRF);
        assertThat(rrf.hybrid().rrfK()).isEqualTo(60);
        ExperimentSpec k =
                ExperimentReader.read(
                        file("datasets: [x]\nhybrid: {fusion: rrf, rrf_k: 20}\n" + variants));
        assertThat(k.hybrid().rrfK()).isEqualTo(20);
        ExperimentSpec convex =
                ExperimentReader.read(
                        file(
                                "datasets: [x]\nhybrid: {fusion: convex, bm25_weight: 0.3}\n"
                                        + variants));
        assertThat(convex.hybrid().fusion()).isEqualTo(Fusion.Method.CONVEX);
        assertThat(convex.hybrid().lexicalWeight()).isEqualTo(0.3);
        Path again = convex.file().resolveSibling("again.yaml");
        ExperimentWriter.write(again, convex);
        assertThat(ExperimentReader.read(again).hybrid()).isEqualTo(convex.hybrid());
        ExperimentWriter.write(again, rrf);
        ExperimentSpec back = ExperimentReader.read(again);
        assertThat(back.hybrid()).isEqualTo(rrf.hybrid());
        assertThat(back.baseline()).isEqualTo(ExperimentSpec.Baseline.BM25);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            unknown key    | datasets: [x]\\nvariant: []                                                   | wording.yaml:2: unknown key "variant"
            no datasets    | variants: []                                                                  | wording.yaml:1: missing "datasets"
            no variants    | datasets: [x]                                                                 | wording.yaml:1: no variants
            no text        | datasets: [x]\\nvariants:\\n  - {name: a, query: "query:", document: "{text}"} | wording.yaml:3: variant "a": query template
            bad placeholder| datasets: [x]\\nvariants:\\n  - {name: a, query: "{txt}", document: "{text}"}  | wording.yaml:3: variant "a"
            taken name     | datasets: [x]\\nvariants:\\n  - {name: card, query: "{text}", document: "{text}"} | wording.yaml:3: the names general, card and bm25 are taken
            bm25 is taken  | datasets: [x]\\nvariants:\\n  - {name: bm25, query: "{text}", document: "{text}"} | wording.yaml:3: the names general, card and bm25 are taken
            bad fusion     | datasets: [x]\\nhybrid: max\\nvariants: []                                | wording.yaml:2: hybrid fusion "max" is not rrf or convex
            hybrid key     | datasets: [x]\\nhybrid: {fusion: rrf, k: 60}\\nvariants: []               | wording.yaml:2: unknown key "k"
            no fusion      | datasets: [x]\\nhybrid: {rrf_k: 60}\\nvariants: []                        | wording.yaml:2: hybrid needs "fusion": rrf or convex
            rrf k zero     | datasets: [x]\\nhybrid: {fusion: rrf, rrf_k: 0}\\nvariants: []            | wording.yaml:2: rrf_k must be 1 or more, not 0
            weight > 1     | datasets: [x]\\nhybrid: {fusion: convex, bm25_weight: 1.5}\\nvariants: [] | wording.yaml:2: bm25_weight must be from 0 to 1, not 1.5
            weight of rrf  | datasets: [x]\\nhybrid: {fusion: rrf, bm25_weight: 0.3}\\nvariants: []    | wording.yaml:2: bm25_weight is for fusion: convex
            k of convex    | datasets: [x]\\nhybrid:\\n  fusion: convex\\n  rrf_k: 10\\nvariants: []  | wording.yaml:4: rrf_k is for fusion: rrf
            duplicate      | datasets: [x]\\nvariants:\\n  - {name: a, query: "{text}", document: "{text}"}\\n  - {name: a, query: "q {text}", document: "{text}"} | wording.yaml:4: duplicate variant name "a" (first on line 3)
            grid clash     | datasets: [x]\\nvariants:\\n  - {name: g-q1, query: "{text}", document: "{text}"}\\ngrids:\\n  - {name: g, query: ["{text}", "q {text}"], document: "{text}"} | duplicate variant name "g-q1"
            no document    | datasets: [x]\\nvariants:\\n  - {name: a, query: "{text}"}                     | wording.yaml:3: variant "a" has no "document" template
            bad name       | datasets: [x]\\nvariants:\\n  - {name: "a b", query: "{text}", document: "{text}"} | wording.yaml:3: name "a b" may hold
            bad baseline   | datasets: [x]\\nbaseline: best\\nvariants: []                                 | wording.yaml:2: baseline "best" is not general, card or bm25
            bad measure    | datasets: [x]\\nmeasure: ndcg@ten\\nvariants: []                              | wording.yaml:2:
            one fold       | datasets: [x]\\nselection: {folds: 1}\\nvariants: []                          | wording.yaml:2: folds must be at least 2
            folds not int  | datasets: [x]\\nselection: {folds: five}\\nvariants: []                       | wording.yaml:2: folds must be a whole number, not "five"
            pooling flag   | datasets: [x]\\nvariants:\\n  - {name: a, query: "{text}", document: "{text}", exclude_instruction_from_pooling: maybe} | wording.yaml:3:
            zero dimension | datasets: [x]\\ndimensions: [256, 0]\\nvariants: []                     | wording.yaml:2: a dimension must be 1 or more, not 0
            twice          | datasets: [x]\\ndimensions: [128, 128]\\nvariants: []                   | wording.yaml:2: dimension 128 is listed twice
            """)
    void aMistakeNamesTheFileAndLine(String what, String yaml, String message) throws Exception {
        Path f = file(yaml.strip().replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> ExperimentReader.read(f))
                .as(what)
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining(message.strip())
                .hasMessageStartingWith(f.toString());
    }

    @Test
    void dimensionsAreAnAxisOfTheGridAndSurviveExport() throws Exception {
        ExperimentSpec s =
                ExperimentReader.read(
                        file(
                                """
                                datasets: [x]
                                dimensions: [256, 64]
                                variants:
                                  - {name: a, query: "q: {text}", document: "{text}"}
                                """));
        assertThat(s.dimensions()).containsExactly(256, 64);
        assertThat(s.variants().get(0).at(64).name()).isEqualTo("a@64");
        assertThat(s.variants().get(0).at(64).dimension()).isEqualTo(64);
        Path out = dir.resolve("exported.yaml");
        ExperimentWriter.write(out, s);
        assertThat(ExperimentReader.read(out).dimensions()).containsExactly(256, 64);
    }

    @Test
    void theSameNameForDifferentFamiliesIsAllowed() throws Exception {
        ExperimentSpec s =
                ExperimentReader.read(
                        file(
                                """
                                datasets: [x]
                                variants:
                                  - {name: short, families: [e5], query: "query: {text}", document: "passage: {text}"}
                                  - {name: short, families: [bge], query: "Find: {text}", document: "{text}"}
                                """));
        assertThat(s.variants()).hasSize(2);
    }

    @Test
    void aWrittenFileReadsBackAsTheSameExperiment() throws Exception {
        ExperimentSpec s =
                ExperimentReader.read(
                        file(
                                """
                                name: tricky
                                datasets: [helpdesk-mini, "a folder/with: colon"]
                                models: [e5-small-v2]
                                split: dev
                                selection: {dev: none, folds: 3, seed: 9}
                                measure: RR@10
                                baseline: card
                                variants:
                                  - name: quotes
                                    families: [e5]
                                    query: "Instruct: say \\"hi\\" \\\\ {{json}}\\nQuery: {text}"
                                    document: "passage: {text} ⟨end⟩"
                                    exclude_instruction_from_pooling: true
                                  - {name: plain, query: "{text}", document: "{text}"}
                                """));
        Path again = dir.resolve("again.yaml");
        ExperimentWriter.write(again, s);
        ExperimentSpec back = ExperimentReader.read(again);
        assertThat(back.name()).isEqualTo("tricky");
        assertThat(back.datasets()).isEqualTo(s.datasets());
        assertThat(back.models()).isEqualTo(s.models());
        assertThat(back.split()).isEqualTo("dev");
        assertThat(back.selection()).isEqualTo(s.selection());
        assertThat(back.measure()).isEqualTo(s.measure());
        assertThat(back.baseline()).isEqualTo(s.baseline());
        assertThat(back.variants()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ExperimentSpec.Variant a = s.variants().get(i);
            ExperimentSpec.Variant b = back.variants().get(i);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.families()).isEqualTo(a.families());
            assertThat(b.instructions().query().prefix())
                    .isEqualTo(a.instructions().query().prefix());
            assertThat(b.instructions().document().suffix())
                    .isEqualTo(a.instructions().document().suffix());
            assertThat(b.instructions().excludeInstructionFromPooling())
                    .isEqualTo(a.instructions().excludeInstructionFromPooling());
        }
        assertThat(s.variants().get(0).instructions().query().prefix())
                .isEqualTo("Instruct: say \"hi\" \\ {json}\nQuery: ");
    }

    @Test
    void everyShippedExperimentFileReads() throws Exception {
        Path datasets = TestPaths.workspace().resolve("datasets");
        List<Path> files;
        try (var s = Files.list(datasets)) {
            files = s.map(d -> d.resolve("experiment.yaml")).filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(7);
        for (Path f : files) {
            ExperimentSpec s = ExperimentReader.read(f);
            assertThat(s.datasets()).as(f.toString()).containsExactly(s.name());
            assertThat(s.variants()).as(f.toString()).hasSizeGreaterThanOrEqualTo(20);
        }
    }
}
