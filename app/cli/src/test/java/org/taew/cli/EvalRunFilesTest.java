package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code taew eval --run}: run files made elsewhere, scored and compared as the modes are. */
class EvalRunFilesTest {
    @TempDir Path tmp;

    /** The measure table of a report: from its "measure" line to the last measure row. */
    private static List<String> table(String report) {
        List<String> lines = report.lines().toList();
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("measure")) {
                from = i;
            }
            if (from >= 0 && lines.get(i).startsWith("P@10")) {
                to = i;
                break;
            }
        }
        assertThat(from).as(report).isNotNegative();
        assertThat(to).as(report).isGreaterThan(from);
        return lines.subList(from, to + 1);
    }

    @Test
    void theRunsOfAnEvaluationScoreAndCompareExactlyAsTheEvaluationDid() throws Exception {
        Path out = tmp.resolve("out");
        String home = tmp.resolve("home").toString();
        CliRun eval =
                CliRun.of(
                        "eval",
                        "-d",
                        "helpdesk-mini",
                        "--home",
                        home,
                        "--no-progress",
                        "-o",
                        out.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        Path general = out.resolve("run-general.trec");
        Path taskAware = out.resolve("run-task-aware.trec");
        assertThat(general).exists();
        assertThat(taskAware).exists();

        CliRun both =
                CliRun.of(
                        "eval",
                        "-d",
                        "helpdesk-mini",
                        "--run",
                        "general=" + general,
                        "--run",
                        "task-aware=" + taskAware,
                        "--home",
                        home);
        assertThat(both.exitCode()).as(both.err()).isZero();
        assertThat(both.out())
                .contains("Run files on helpdesk-mini (test split: 40 queries, 64 documents)")
                .contains("40 of 40 queries evaluated")
                .containsPattern(
                        "Per query on nDCG@10: \\d+ better in task-aware, \\d+ worse, \\d+ tied");
        assertThat(table(both.out()))
                .as("the same deltas, intervals and p-values as the evaluation that made the runs")
                .isEqualTo(table(eval.out()));
        // BM25 beside run files made elsewhere: the same comparison as eval's own
        Matcher lexical =
                Pattern.compile("task-aware vs bm25 +(\\S+ \\[[^]]+\\])").matcher(eval.out());
        assertThat(lexical.find()).as(eval.out()).isTrue();
        assertThat(both.out())
                .contains("On nDCG@10 against BM25")
                .contains("task-aware vs bm25     " + lexical.group(1));
        assertThat(both.out()).containsPattern("Recorded as runs \\d+, \\d+ in ");
        CliRun list = CliRun.of("runs", "list", "--home", home);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("run file +task-aware +helpdesk-mini/test +run-task-aware.trec");
        // a scored run file sits beside the workbench's own runs: compared as any two runs
        Matcher m = Pattern.compile("Recorded as runs (\\d+), (\\d+) in ").matcher(both.out());
        assertThat(m.find()).isTrue();
        CliRun compare = CliRun.of("runs", "compare", "1", m.group(2), "--home", home);
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("nDCG@10");

        CliRun one =
                CliRun.of(
                        "eval", "-d", "helpdesk-mini", "--run", "spark=" + general, "--home", home);
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("measure            spark");
        CliRun generalOnly =
                CliRun.of(
                        "eval",
                        "-d",
                        "helpdesk-mini",
                        "--mode",
                        "general",
                        "--home",
                        home,
                        "--no-progress",
                        "-o",
                        tmp.resolve("out-general").toString());
        List<String> a = table(one.out());
        List<String> b = table(generalOnly.out());
        assertThat(a.subList(1, a.size())).isEqualTo(b.subList(1, b.size()));
    }

    @Test
    void aMalformedRunOrARunOfAnotherDatasetIsRefusedWithFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.run");
        Files.writeString(bad, "Q001 Q0 D001 1 0.9 t\nQ001 Q0 D002 2 high t\n");
        CliRun r = CliRun.of("eval", "-d", "helpdesk-mini", "--run", "x=" + bad);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("bad.run, line 2: the score \"high\" is not a number");

        Path twice = tmp.resolve("twice.run");
        Files.writeString(twice, "Q001 Q0 D001 1 0.9 t\nQ001 Q0 D001 2 0.8 t\n");
        CliRun t = CliRun.of("eval", "-d", "helpdesk-mini", "--run", "x=" + twice);
        assertThat(t.err())
                .contains("twice.run, line 2: document D001 is ranked twice for query Q001");

        Path other = tmp.resolve("other.run");
        Files.writeString(other, "q-from-elsewhere Q0 D001 1 0.9 t\n");
        CliRun o = CliRun.of("eval", "-d", "helpdesk-mini", "--run", "x=" + other);
        assertThat(o.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(o.err()).contains("ranks none of the 40 queries of helpdesk-mini");
    }
}
