package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.model.ModelSpec;
import org.taew.core.util.WorkbenchHome;

/**
 * {@code taew instructions export} on the bundled e5-small-v2: the folder it writes opens again
 * with the chosen templates as its own prompts and encodes texts as the original model does with
 * those templates.
 */
class InstructionsExportCommandTest {
    @TempDir Path tmp;

    private static final List<String> TEXTS =
            List.of(
                    "How do I reset my password?",
                    "The VPN client drops the connection every hour",
                    "Parental leave: how many weeks, and who approves it",
                    "printer on floor 3 jams");

    private static String ws() {
        return CliRun.workspace().toString();
    }

    private static CliRun export(String... args) {
        return CliRun.of(
                List.of("instructions", "export", "--workspace", ws(), "-m", "e5-small-v2"), args);
    }

    /** An e5 instruction file whose retrieval task has these templates. */
    private Path instructionFile(String name, String query, String document) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(
                file,
                "family: e5\ntasks:\n  retrieval:\n    query: \""
                        + query
                        + "\"\n    document: \""
                        + document
                        + "\"\n");
        return file;
    }

    @Test
    void theModelsOwnTemplatesBecomeTheFoldersPromptsWithTheSettingsToServeThem() throws Exception {
        Path out = tmp.resolve("e5-retrieval");
        CliRun run = export("-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ModelSpec copy = ModelFolderReader.read(out);
        assertThat(copy.prompts())
                .containsOnly(Map.entry("query", "query: "), Map.entry("document", "passage: "));
        assertThat(run.out())
                .contains(
                        "Templates of task retrieval: instruction file "
                                + CliRun.workspace().resolve("instructions/e5.yaml"))
                .contains(
                        "Prompts: query \"query: \"; document \"passage: \"; default_prompt_name null.")
                .contains("model.encode(queries, prompt_name=\"query\")")
                .contains("--pooling mean")
                .contains("\"prompt_name\": \"document\"")
                .contains("query_encode_kwargs={\"prompt_name\": \"query\"}")
                .contains("query_instruction=\"query: \", text_instruction=\"passage: \"");
    }

    @Test
    void anExportedVariantEncodesAsTheOriginalModelWithTheVariantsTemplates() throws Exception {
        Path out = tmp.resolve("e5-search-query");
        Path experiment = CliRun.workspace().resolve("datasets/helpdesk-mini/experiment.yaml");
        // e5-q3-d1: "search_query: {text}" / "passage: {text}", unlike e5.yaml's "query: "
        CliRun run =
                export(
                        "--experiment",
                        experiment.toString(),
                        "--variant",
                        "e5-q3-d1",
                        "-o",
                        out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Templates of task retrieval: experiment variant e5-q3-d1 of "
                                + experiment);
        assertThat(ModelFolderReader.read(out).prompts())
                .containsOnly(
                        Map.entry("query", "search_query: "), Map.entry("document", "passage: "));

        Path variant = instructionFile("variant.yaml", "search_query: {text}", "passage: {text}");
        assertEncodeAlike(variant, out);
    }

    @Test
    void anInstructionLeftOutOfPoolingIsIncludePromptFalseAndEncodesAsTheWorkbenchDoes()
            throws Exception {
        Path file = instructionFile("instructor.yaml", "Represent the question: {text}", "{text}");
        Files.writeString(
                file, "    exclude_instruction_from_pooling: true\n", StandardOpenOption.APPEND);
        Path out = tmp.resolve("e5-instructor-style");
        CliRun run = export("--instructions", file.toString(), "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("include_prompt false").contains("modules.json");
        assertThat(ModelFolderReader.read(out).includePrompt()).isFalse();
        assertEncodeAlike(file, out);
    }

    /**
     * Encodes {@link #TEXTS} on both sides with e5-small-v2 and the instruction file {@code file},
     * and with the exported folder {@code out} and its own prompts: the same vectors.
     */
    private void assertEncodeAlike(Path file, Path out) throws Exception {
        Path texts = tmp.resolve("texts.txt");
        Files.write(texts, TEXTS, StandardCharsets.UTF_8);
        for (String side : List.of("query", "document")) {
            Path a = tmp.resolve(out.getFileName() + "-original-" + side + ".npy");
            Path b = tmp.resolve(out.getFileName() + "-exported-" + side + ".npy");
            CliRun original =
                    encode(texts, side, a, "-m", "e5-small-v2", "--instructions", file.toString());
            CliRun exported = encode(texts, side, b, "-m", out.toString());
            assertThat(original.exitCode()).as(original.err()).isZero();
            assertThat(exported.exitCode()).as(exported.err()).isZero();
            assertThat(exported.out())
                    .contains(
                            "Task-aware templates: model prompts "
                                    + out.resolve("config_sentence_transformers.json"));
            float[][] va = npy(a);
            float[][] vb = npy(b);
            assertThat(vb.length).isEqualTo(TEXTS.size());
            for (int i = 0; i < va.length; i++) {
                assertThat(cosine(va[i], vb[i])).as(side + " " + i).isGreaterThanOrEqualTo(0.99999);
            }
        }
    }

    @Test
    void aTemplateWithTextAfterThePlaceholderOrTheModelFolderItselfIsRefused() throws Exception {
        Path file = instructionFile("suffix.yaml", "query: {text}", "{text} (passage)");
        Path out = tmp.resolve("refused");
        CliRun run = export("--instructions", file.toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains(
                        "error: The document template \"{text} (passage)\" puts text after {text}"
                                + " (\" (passage)\"), and a sentence-transformers prompt can only come"
                                + " before the text")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();

        Path modelDir = WorkbenchHome.models().resolve("e5-small-v2");
        CliRun self = export("-o", modelDir.toString());
        assertThat(self.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(self.err()).contains("is the model folder itself");

        CliRun alone = export("--variant", "e5-q3-d1", "-o", out.toString());
        assertThat(alone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.err()).contains("--experiment and --variant go together");
    }

    /** {@code taew encode} of {@code texts} in task-aware mode, without the cache. */
    private static CliRun encode(Path texts, String side, Path npy, String... model) {
        return CliRun.of(
                List.of(
                        "encode",
                        "--workspace",
                        ws(),
                        "--no-progress",
                        "--no-cache",
                        "--mode",
                        "task-aware",
                        "--side",
                        side,
                        "--input",
                        texts.toString(),
                        "-o",
                        npy.toString()),
                model);
    }

    /** The rows of a float32 .npy file. */
    private static float[][] npy(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        assertThat(m.find()).as(header).isTrue();
        int rows = Integer.parseInt(m.group(1));
        int dim = Integer.parseInt(m.group(2));
        ByteBuffer data =
                ByteBuffer.wrap(bytes, 10 + headerLen, rows * dim * 4)
                        .order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[rows][dim];
        for (float[] row : out) {
            for (int j = 0; j < dim; j++) {
                row[j] = data.getFloat();
            }
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double dot(float[] a, float[] b) {
        return IntStream.range(0, a.length).mapToDouble(i -> (double) a[i] * b[i]).sum();
    }
}
