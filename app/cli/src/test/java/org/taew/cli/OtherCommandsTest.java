package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.testing.TinyModels;

class OtherCommandsTest {
    @TempDir Path tmp;

    private String ws() {
        return CliRun.workspace().toString();
    }

    /** {@code taew encode} in the shipped workspace with a home of its own, then {@code args}. */
    private CliRun encode(String... args) {
        return CliRun.of(
                List.of(
                        "encode",
                        "--workspace",
                        ws(),
                        "--home",
                        tmp.resolve("home").toString(),
                        "--no-progress"),
                args);
    }

    @Test
    void encodeWritesANumpyFileAndTheIds() throws Exception {
        Path npy = tmp.resolve("docs.npy");
        CliRun run =
                encode(
                        "-d",
                        "helpdesk-mini",
                        "--side",
                        "document",
                        "--mode",
                        "task-aware",
                        "-o",
                        npy.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] bytes = Files.readAllBytes(npy);
        assertThat(new String(bytes, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("\u0093NUMPY");
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'").contains("'shape': (64, 384)").endsWith("\n");
        assertThat((10 + headerLen) % 64).isZero();
        assertThat(bytes.length).isEqualTo(10 + headerLen + 64 * 384 * 4);
        ByteBuffer data =
                ByteBuffer.wrap(bytes, 10 + headerLen, 384 * 4).order(ByteOrder.LITTLE_ENDIAN);
        double norm = 0;
        for (int i = 0; i < 384; i++) {
            float x = data.getFloat();
            norm += x * x;
        }
        assertThat(norm).isBetween(0.9999, 1.0001);
        assertThat(Files.readAllLines(tmp.resolve("docs.ids.txt"))).hasSize(64).startsWith("D001");
        assertThat(run.out())
                .contains(
                        "Task-aware templates: instruction file "
                                + CliRun.workspace().resolve("instructions/e5.yaml"));
    }

    @Test
    void anEmptyInputLineIsRefusedWithTheWayToKeepItAndKeptWhenAllowed() throws Exception {
        Path input = tmp.resolve("texts.txt");
        Files.writeString(input, "reset my password\n\nprinter jam\n", StandardCharsets.UTF_8);
        Path npy = tmp.resolve("texts.npy");
        CliRun refused = encode("--input", input.toString(), "-o", npy.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err())
                .contains(
                        input
                                + ":2: empty line; expected one text per line (to encode empty lines"
                                + " as empty texts, as sentence-transformers does, pass"
                                + " --allow-empty)")
                .doesNotContain("Exception");
        assertThat(npy).doesNotExist();

        CliRun run = encode("--input", input.toString(), "-o", npy.toString(), "--allow-empty");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("texts.ids.txt"))).containsExactly("1", "2", "3");
        byte[] bytes = Files.readAllBytes(npy);
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat(new String(bytes, 10, headerLen, StandardCharsets.US_ASCII))
                .contains("'shape': (3, 384)");

        CliRun notForADataset =
                encode("-d", "helpdesk-mini", "-o", npy.toString(), "--allow-empty");
        assertThat(notForADataset.exitCode()).isEqualTo(2);
        assertThat(notForADataset.err()).contains("--allow-empty applies to --input");
    }

    @Test
    void listingsShowModelsDatasetsAndInstructions() {
        CliRun models = CliRun.of("models", "--home", tmp.toString());
        assertThat(models.exitCode()).isZero();
        assertThat(models.out())
                .contains("e5-small-v2")
                .contains("bge-small-en-v1.5")
                .contains("all-MiniLM-L6-v2");
        CliRun datasets = CliRun.of("datasets", "--workspace", ws());
        assertThat(datasets.out()).contains("helpdesk-mini").contains("splits test");
        CliRun instructions = CliRun.of("instructions", "--workspace", ws());
        assertThat(instructions.exitCode()).as(instructions.err()).isZero();
        assertThat(instructions.out())
                .contains("\"query: {text}\"")
                .contains("\"passage: {text}\"");
    }

    @Test
    void modelsListsAFoldersLengthLimitWithWhereItCameFrom() throws Exception {
        TinyModels.copy("st6-qwen3", tmp.resolve("models"));
        CliRun models = CliRun.of("models", "--home", tmp.toString());
        assertThat(models.exitCode()).as(models.err()).isZero();
        assertThat(models.out())
                .containsPattern("tiny-st6-qwen3 +qwen3 +lasttoken +24 ")
                .contains(
                        "length limit: 24 tokens (tokenizer_config.json model_max_length); family"
                                + " \"qwen3\" guessed from the folder's name");
    }

    @Test
    void aBrokenInstructionFileIsReportedAndTheOthersStillListed() throws Exception {
        Files.createDirectories(tmp.resolve("instructions"));
        Files.createDirectories(tmp.resolve("datasets"));
        Files.writeString(
                tmp.resolve("instructions/good.yaml"),
                "family: g\ntasks:\n  t:\n    query: \"{text}\"\n    document: \"{text}\"\n");
        Files.writeString(
                tmp.resolve("instructions/bad.yaml"),
                "family: b\ntasks:\n  t:\n    query: \"q {text}\"\n");
        CliRun run = CliRun.of("instructions", "--workspace", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("bad.yaml:3: missing \"document\" in task \"t\"");
        assertThat(run.out()).contains("good.yaml");
    }

    @Test
    void everyExpectationIsMetStsBenchmarkAndEveryShippedDatasetInBothModes() {
        assumeTrue(
                TestPaths.stsBenchmarkTest() != null,
                "../shared/reference-data is not beside the project");
        CliRun run =
                CliRun.of(
                        "reproduce",
                        "--workspace",
                        ws(),
                        "--home",
                        tmp.resolve("home").toString(),
                        "--no-progress");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .containsPattern("all-MiniLM-L6-v2 +0\\.820\\d\\d +0\\.82032 .* yes")
                .containsPattern("bge-small-en-v1.5 +0\\.858\\d\\d +0\\.85863 .* yes")
                .containsPattern("e5-small-v2 +0\\.849\\d\\d +0\\.84916 .* yes")
                .contains("helpdesk-mini: ")
                .contains("structured-records: ")
                .doesNotContain(" NO ")
                .contains("All models reproduce the expected figures.");
    }
}
