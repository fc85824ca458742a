package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.evaluation.RunFiles;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;

/** {@code taew eval} with the lexical arms: BM25 without a model, and the hybrid's fusion. */
class EvalArmsTest {
    @TempDir Path tmp;

    private CliRun eval(Path out, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "eval",
                                "--workspace",
                                CliRun.workspace().toString(),
                                "--home",
                                tmp.resolve("home").toString(),
                                "--no-progress",
                                "--permutations",
                                "500",
                                "-o",
                                out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static double mean(JsonObject results, String arm, String measure) {
        return results.getAsJsonObject("scores")
                .getAsJsonObject(arm)
                .getAsJsonObject("measures")
                .get(measure)
                .getAsDouble();
    }

    @Test
    void bm25AloneLoadsNoModelAndScoresAsTheDatasetExpects() throws Exception {
        Path out = tmp.resolve("bm25");
        // a model that does not exist: BM25 alone must not even resolve one
        CliRun run = eval(out, "--mode", "bm25", "--model", "no-such-model");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("BM25 on helpdesk-mini (test split: 40 queries, 64 documents)")
                .contains("BM25 index built in " + tmp.resolve("home").resolve("bm25"))
                .contains("Recorded as run 1 in");
        JsonObject results = json(out.resolve("results.json"));
        assertThat(results.get("schema_version").getAsInt()).isEqualTo(3);
        assertThat(results.has("model")).isFalse();
        assertThat(results.getAsJsonObject("scores").keySet()).containsExactly("bm25");
        // datasets/helpdesk-mini/expected.yaml: BM25 nDCG@10 0.80687, R@100 0.95
        assertThat(mean(results, "bm25", "ndcg_cut.10")).isBetween(0.80686, 0.80688);
        assertThat(mean(results, "bm25", "recall.100")).isEqualTo(0.95);
        assertThat(Files.readAllLines(out.resolve("run-bm25.trec")).get(0)).endsWith(" bm25");

        CliRun again = eval(tmp.resolve("again"), "--mode", "bm25");
        assertThat(again.out()).contains("BM25 index reused from");
    }

    @Test
    void anOutputFolderHoldingOtherFilesIsRefusedBeforeTheEvaluation() throws Exception {
        Path out = tmp.resolve("project");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), "{}");
        Files.writeString(out.resolve("thesis.tex"), "mine");
        CliRun run = eval(out, "--mode", "bm25");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).doesNotContain("BM25 on");
        assertThat(run.err())
                .contains(out + " holds thesis.tex, which no earlier run")
                .doesNotContain("Exception");
        assertThat(out.resolve("results.json")).hasContent("{}");
        assertThat(out.resolve("thesis.tex")).hasContent("mine");
    }

    @Test
    void theHybridFusesTheWrittenBm25AndDenseRunsByReciprocalRank() throws Exception {
        Path out = tmp.resolve("all");
        CliRun run = eval(out, "--mode", "all");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("hybrid:     reciprocal rank fusion (k = 60) of BM25 and task-aware mode")
                .containsPattern("task-aware vs bm25 +\\+0\\.1635")
                .contains("hybrid vs task-aware")
                .contains("Recorded as runs 1, 2, 3, 4 in");
        JsonObject results = json(out.resolve("results.json"));
        assertThat(results.getAsJsonObject("scores").keySet())
                .containsExactly("general", "task_aware", "bm25", "hybrid");
        assertThat(
                        results.getAsJsonObject("lexical")
                                .getAsJsonObject("hybrid")
                                .get("rrf_k")
                                .getAsInt())
                .isEqualTo(60);
        assertThat(results.getAsJsonArray("arm_comparisons")).hasSize(4);

        // fuse the two written runs here, by the formula, and compare with the written hybrid
        Run bm25 = RunFiles.read(out.resolve("run-bm25.trec"));
        Run dense = RunFiles.read(out.resolve("run-task-aware.trec"));
        Run hybrid = RunFiles.read(out.resolve("run-hybrid.trec"));
        for (String q : dense.rankings().keySet()) {
            Map<String, Double> fused = new HashMap<>();
            for (Run r : List.of(bm25, dense)) {
                List<ScoredDoc> docs = r.of(q);
                for (int i = 0; i < docs.size(); i++) {
                    fused.merge(docs.get(i).docId(), 1.0 / (60 + i + 1), Double::sum);
                }
            }
            List<Map.Entry<String, Double>> expected = new ArrayList<>(fused.entrySet());
            expected.sort(
                    Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
            List<ScoredDoc> got = hybrid.of(q);
            assertThat(got.get(0).docId()).as(q).isEqualTo(expected.get(0).getKey());
            assertThat(got.get(0).score())
                    .as(q)
                    .isCloseTo(expected.get(0).getValue().floatValue(), offset(1e-6f));
            assertThat(got.get(1).docId()).as(q).isEqualTo(expected.get(1).getKey());
        }
    }

    @Test
    void theConvexHybridWithNoWeightOnBm25RanksAsItsDenseArm() throws Exception {
        Path out = tmp.resolve("convex");
        CliRun run =
                eval(
                        out,
                        "--mode",
                        "bm25,hybrid",
                        "--fusion",
                        "convex",
                        "--bm25-weight",
                        "0",
                        "--hybrid-dense",
                        "general");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject results = json(out.resolve("results.json"));
        // the hybrid's dense arm is evaluated with it
        assertThat(results.getAsJsonObject("scores").keySet())
                .containsExactly("general", "bm25", "hybrid");
        assertThat(
                        results.getAsJsonObject("lexical")
                                .getAsJsonObject("hybrid")
                                .get("dense_arm")
                                .getAsString())
                .isEqualTo("general");
        // the dense run holds every document of this small set (depth 100 > 64): with BM25's
        // weight 0 the fused order is the dense order
        assertThat(mean(results, "hybrid", "ndcg_cut.10"))
                .isEqualTo(mean(results, "general", "ndcg_cut.10"));
        assertThat(mean(results, "hybrid", "ndcg_cut.10"))
                .isNotEqualTo(mean(results, "bm25", "ndcg_cut.10"));
    }

    @Test
    void stsPairsHaveNoBm25ByDefaultAndRefuseItWhenAsked() throws Exception {
        Path pairs = tmp.resolve("pairs.tsv");
        Files.writeString(
                pairs,
                "sentence1\tsentence2\tscore\na cat\ta kitten\t4.5\na car\ta tree\t0.5\n"
                        + "a dog\ta puppy\t4.0\n");
        CliRun plain = eval(tmp.resolve("sts"), "-d", pairs.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        CliRun asked = eval(tmp.resolve("sts2"), "-d", pairs.toString(), "--mode", "bm25");
        assertThat(asked.exitCode()).isEqualTo(3);
        assertThat(asked.err()).contains("holds sentence pairs; bm25 ranks the documents");
    }
}
