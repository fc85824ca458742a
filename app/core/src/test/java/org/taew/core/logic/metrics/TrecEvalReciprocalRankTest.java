package org.taew.core.logic.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.taew.core.model.MetricId;
import org.taew.core.model.Qrels;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;

/**
 * The two reciprocal ranks against trec_eval 10.0's own output (trec/trec_eval-output.txt, made by
 * the real trec_eval on the run and qrels beside it; first relevant documents at ranks 1, 3, 10,
 * 11, 25 and never, tied scores, run lines shuffled and rank column scrambled): {@code RR@10} is
 * {@code trec_eval -M 10 -m recip_rank}; {@code recip_rank} is {@code trec_eval -m recip_rank},
 * which is also what trec_eval prints for {@code -m recip_rank.10}.
 */
class TrecEvalReciprocalRankTest {
    private static final double PRINTED = 5e-5; // trec_eval prints four decimals

    @Test
    void rrAtTenIsTrecEvalWithTheRunCutAtTen() throws IOException {
        assertMatches(MetricId.parse("RR@10"), "-M 10 -m recip_rank");
    }

    @Test
    void recipRankIsTrecEvalsUncutMeasure() throws IOException {
        assertMatches(MetricId.RECIP_RANK, "-m recip_rank");
    }

    @Test
    void trecEvalIgnoresTheCutoffOfRecipRankDotTen() throws IOException {
        Map<String, Map<String, Double>> out = trecEvalOutput();
        assertThat(out.get("-m recip_rank.10")).isEqualTo(out.get("-m recip_rank"));
        assertThat(out.get("-m recip_rank.10").get("all"))
                .isNotCloseTo(out.get("-M 10 -m recip_rank").get("all"), within(0.01));
    }

    private static void assertMatches(MetricId metric, String trecEvalArgs) throws IOException {
        Map<String, Double> expected = trecEvalOutput().get(trecEvalArgs);
        Qrels qrels = qrels();
        List<String> queries = new ArrayList<>(new TreeSet<>(qrels.queryIds()));
        QueryScores s = RetrievalEvaluator.evaluate(queries, run(), qrels, List.of(metric));
        double[] values = s.of(metric);
        for (int i = 0; i < queries.size(); i++) {
            assertThat(values[i])
                    .as(metric + " of " + queries.get(i))
                    .isCloseTo(expected.get(queries.get(i)), within(PRINTED));
        }
        assertThat(s.mean(metric)).isCloseTo(expected.get("all"), within(PRINTED));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                TrecEvalReciprocalRankTest.class.getResourceAsStream(
                        "/org/taew/core/trec/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Per section ([args]), the value per query and "all". */
    private static Map<String, Map<String, Double>> trecEvalOutput() throws IOException {
        Map<String, Map<String, Double>> sections = new LinkedHashMap<>();
        Map<String, Double> current = null;
        for (String line : resource("trec_eval-output.txt").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("[")) {
                current = new LinkedHashMap<>();
                sections.put(line.substring(1, line.length() - 1), current);
            } else {
                String[] f = line.trim().split("\\s+");
                current.put(f[1], Double.parseDouble(f[2]));
            }
        }
        return sections;
    }

    /** A TREC run file, ordered as trec_eval orders it (score, then document id, descending). */
    private static Run run() throws IOException {
        Map<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
        for (String line : resource("run.trec").split("\n")) {
            String[] f = line.trim().split("\\s+");
            rankings.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new ScoredDoc(f[2], Float.parseFloat(f[4])));
        }
        rankings.values().forEach(l -> l.sort(ScoredDoc.TREC_ORDER));
        return new Run(rankings);
    }

    private static Qrels qrels() throws IOException {
        Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
        for (String line : resource("qrels.txt").split("\n")) {
            String[] f = line.trim().split("\\s+");
            judged.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                    .put(f[2], Integer.parseInt(f[3]));
        }
        return new Qrels(judged);
    }
}
