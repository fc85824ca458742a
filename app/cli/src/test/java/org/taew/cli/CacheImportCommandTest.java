package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.testing.ShippedWorkspace;

/**
 * {@code taew cache import} on vectors a Spark job wrote (parquet-java's writer, via
 * tools/spark-submit.sh: helpdesk-mini's queries with e5-small-v2, general mode), then eval.
 */
class CacheImportCommandTest {
    @TempDir Path tmp;

    private static Path sparkOutput() {
        return ShippedWorkspace.project()
                .resolve("app/cli/src/test/resources/spark-encode/helpdesk-mini-queries");
    }

    @Test
    void importedVectorsAreNotEncodedAgainByEval() {
        String home = tmp.resolve("home").toString();
        CliRun imported =
                CliRun.of(
                        "cache",
                        "import",
                        sparkOutput().toString(),
                        "--home",
                        home,
                        "--no-progress");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .contains("Imported 40 vectors of e5-small-v2 from 2 files")
                .contains("0 were cached already");

        CliRun eval =
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
                        tmp.resolve("out").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("40 queries, 40 from cache, 0 encoded");

        CliRun again =
                CliRun.of(
                        "cache",
                        "import",
                        sparkOutput().toString(),
                        "--home",
                        home,
                        "--no-progress");
        assertThat(again.out()).contains("Imported 0 vectors").contains("40 were cached already");
    }

    @Test
    void vectorsOfAnotherModelIdentityAndUnfinishedOutputsAreRefused() throws Exception {
        String home = tmp.resolve("home").toString();
        CliRun cut =
                CliRun.of(
                        "cache",
                        "import",
                        sparkOutput().toString(),
                        "--dim",
                        "16",
                        "--home",
                        home,
                        "--no-progress");
        assertThat(cut.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cut.err())
                .contains("row 1: vectors of model identity")
                .doesNotContain("Exception");

        Path unfinished = tmp.resolve("unfinished");
        Files.createDirectories(unfinished);
        try (Stream<Path> parts = Files.list(sparkOutput())) {
            for (Path p :
                    parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                Files.copy(p, unfinished.resolve(p.getFileName()));
            }
        }
        CliRun partial =
                CliRun.of(
                        "cache", "import", unfinished.toString(), "--home", home, "--no-progress");
        assertThat(partial.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(partial.err()).contains("has no _SUCCESS marker").contains("nothing imported");
    }
}
