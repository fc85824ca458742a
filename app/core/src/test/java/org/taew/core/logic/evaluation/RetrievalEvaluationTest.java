package org.taew.core.logic.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.TestPaths;
import org.taew.core.logic.compare.ModeComparison;
import org.taew.core.logic.datasets.BeirReader;
import org.taew.core.logic.encoding.EmbeddingService;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.logic.encoding.ModelFolderReader;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.InstructionPair;
import org.taew.core.model.MetricId;
import org.taew.core.model.Mode;
import org.taew.core.model.ModelSpec;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.Template;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchHome;

class RetrievalEvaluationTest {
    private static final MetricId NDCG = MetricId.parse("ndcg_cut.10");

    private static RetrievalEvaluation.Result evaluate(ModelSpec spec, RetrievalDataset ds)
            throws Exception {
        InstructionPair e5 =
                new InstructionPair(
                        Template.parse("query: {text}"), Template.parse("passage: {text}"), false);
        RetrievalEvaluation.Settings settings =
                new RetrievalEvaluation.Settings(
                        List.of(NDCG),
                        NDCG,
                        10,
                        false,
                        new ModeComparison.Settings(1000, 1000, 1, 0.95));
        try (Encoder enc = Engines.openEncoder(spec, EncoderOptions.DEFAULT);
                EmbeddingService s = new EmbeddingService(enc, null)) {
            return RetrievalEvaluation.run(
                    ds,
                    "retrieval",
                    Map.of(Mode.TASK_AWARE, e5),
                    s,
                    Engines.vectorSearch(),
                    settings,
                    ProgressListener.NONE);
        }
    }

    @Test
    void aModelFolderThatDoesNotNormaliseRanksExactlyLikeOneThatDoes(@TempDir Path dir)
            throws Exception {
        ModelSpec bundled = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        Files.createSymbolicLink(dir.resolve("model.onnx"), bundled.weights().toAbsolutePath());
        Files.createSymbolicLink(
                dir.resolve("tokenizer.json"), bundled.tokenizer().toAbsolutePath());
        Files.writeString(
                dir.resolve("taew-model.json"),
                "{\"pooling\": \"mean\", \"normalize\": false, \"max_length\": 512, \"family\": \"e5\"}");
        ModelSpec raw = ModelFolderReader.read(dir);
        assertThat(raw.normalize()).isFalse();
        assertThat(raw.identity()).isNotEqualTo(bundled.identity());

        RetrievalDataset ds =
                BeirReader.read(TestPaths.workspace().resolve("datasets/helpdesk-mini"), null);
        var a = evaluate(bundled, ds).modes().get(Mode.TASK_AWARE);
        var b = evaluate(raw, ds).modes().get(Mode.TASK_AWARE);
        assertThat(b.scores().of(NDCG)).containsExactly(a.scores().of(NDCG));
        for (String q : List.of("Q001", "Q021", "Q040")) {
            assertThat(b.run().of(q).get(0).docId()).isEqualTo(a.run().of(q).get(0).docId());
            assertThat(b.run().of(q).get(0).score())
                    .isCloseTo(a.run().of(q).get(0).score(), Assertions.within(1e-5f));
        }
    }
}
