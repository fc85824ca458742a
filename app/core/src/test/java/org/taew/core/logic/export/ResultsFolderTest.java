package org.taew.core.logic.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.evaluation.StsEvaluation;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.Mode;
import org.taew.core.util.WorkbenchException;

/** An evaluation's folder is written whole: it replaces an earlier one, never a user's folder. */
class ResultsFolderTest {
    @TempDir Path tmp;

    private static StsEvaluation.Result sts() {
        Map<Mode, StsEvaluation.ModeResult> modes = new LinkedHashMap<>();
        modes.put(Mode.GENERAL, mode(Mode.GENERAL, InstructionPair.GENERAL, 0.9, 0.2));
        modes.put(Mode.TASK_AWARE, mode(Mode.TASK_AWARE, ResultsFormatTest.E5, 0.8, 0.1));
        return new StsEvaluation.Result(ResultsFormatTest.PAIRS, "similarity", modes);
    }

    /** A mode's result with the cosines of the two pairs. */
    private static StsEvaluation.ModeResult mode(
            Mode mode, InstructionPair instructions, double first, double second) {
        EmbeddingService.Report report = new EmbeddingService.Report(2, 0, 2, 0, 80L, 0.5);
        return new StsEvaluation.ModeResult(
                mode, instructions, 1.0, 0.9, new double[] {first, second}, report, report);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void perPairCsvHasALineForEachPairWithEachModesCosine() {
        assertThat(ResultsWriter.perPairCsv(sts()))
                .isEqualTo(
                        "line,gold,cosine:general,cosine:task-aware,sentence1,sentence2\n"
                                + "2,4.000000,0.900000,0.800000,a,b\n"
                                + "3,1.000000,0.200000,0.100000,c,d\n");
    }

    /** A folder {@code name} under tmp holding {@code results.json} and the file {@code other}. */
    private Path folderWith(String name, String other) throws Exception {
        Path out = Files.createDirectories(tmp.resolve(name));
        Files.writeString(out.resolve("results.json"), "{}");
        Files.writeString(out.resolve(other), "earlier");
        return out;
    }

    @Test
    void anEarlierEvaluationsFolderIsReplacedWhole() throws Exception {
        Path out = folderWith("out", "run-bm25.trec");
        List<Path> files =
                ResultsWriter.write(
                        out,
                        new StsReport(sts(), ResultsFormatTest.MODEL, "OnnxRuntime", 384, null));
        assertThat(files).containsExactly(out.resolve("results.json"), out.resolve("per-pair.csv"));
        // an earlier retrieval run's file is not left beside the STS results
        assertThat(names(out)).containsExactly("per-pair.csv", "results.json");
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"kind\": \"sts\"");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void aFolderWithOtherFilesIsRefusedAndKept() throws Exception {
        Path out = folderWith("project", "thesis.tex");
        assertThatThrownBy(
                        () ->
                                ResultsWriter.write(
                                        out,
                                        new StsReport(
                                                sts(),
                                                ResultsFormatTest.MODEL,
                                                "OnnxRuntime",
                                                384,
                                                null)))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith(out + " holds thesis.tex, which no earlier run");
        assertThat(names(out)).containsExactly("results.json", "thesis.tex");
        assertThat(Files.readString(out.resolve("results.json"))).isEqualTo("{}");
    }

    @Test
    void onlyAnEvaluationsOwnFilesCountAsEarlierResults() {
        assertThat(
                        Stream.of(
                                        "results.json",
                                        "per-query.csv",
                                        "per-pair.csv",
                                        "run-general.trec",
                                        "run-bm25.trec",
                                        "notes.md",
                                        "run-general.txt",
                                        "experiment.json")
                                .filter(ResultsWriter::isOwnFile))
                .containsExactly(
                        "results.json",
                        "per-query.csv",
                        "per-pair.csv",
                        "run-general.trec",
                        "run-bm25.trec");
    }
}
