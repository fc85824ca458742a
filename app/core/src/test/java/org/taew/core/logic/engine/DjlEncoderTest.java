package org.taew.core.logic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.encoding.Encoder;
import org.taew.core.logic.encoding.EncoderOptions;
import org.taew.core.model.Embeddings;
import org.taew.core.model.Pooling;
import org.taew.core.model.PreparedText;
import org.taew.core.util.ProgressListener;
import org.taew.core.util.WorkbenchException;

/** The DJL encoder on the real bundled e5-small-v2 (ONNX Runtime). */
class DjlEncoderTest {
    private static Encoder e5;

    @BeforeAll
    static void open() throws Exception {
        e5 = BundledModels.open("e5-small-v2");
    }

    @AfterAll
    static void close() {
        e5.close();
    }

    private static Embeddings encode(Encoder enc, String... texts) throws WorkbenchException {
        List<PreparedText> list = new ArrayList<>();
        for (String t : texts) {
            list.add(PreparedText.plain(t));
        }
        return enc.encode(list, ProgressListener.NONE).vectors();
    }

    @Test
    void vectorsHaveTheModelsDimensionAndUnitLength() throws Exception {
        Embeddings v = encode(e5, "query: hello world");
        assertThat(v.dim()).isEqualTo(384);
        assertThat(v.dot(0, v, 0)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void sortedLengthBucketedBatchesGiveTheSameVectorsAsOneTextAtATime() throws Exception {
        String[] texts = {
            "query: short",
            "passage: a much longer passage about the annual leave entitlement of new employees, which is"
                    + " prorated from the start date and rises after the third year of service",
            "query: how do I reset my vpn password",
            "passage: medium length text about printers and paper jams",
        };
        Embeddings batched = encode(e5, texts);
        for (int i = 0; i < texts.length; i++) {
            Embeddings single = encode(e5, texts[i]);
            assertThat(batched.dot(i, single, 0)).as(texts[i]).isGreaterThan(0.99999);
        }
    }

    @Test
    void answeringPassageIsCloserThanAnOffTopicOne() throws Exception {
        Embeddings v =
                encode(
                        e5,
                        "query: how much protein should a female eat",
                        "passage: As a general guideline, the average protein requirement for women ages 19 to 70"
                                + " is 46 grams per day.",
                        "passage: The printer on the third floor jams when the paper tray is overfilled.");
        assertThat(v.dot(0, v, 1)).isGreaterThan(v.dot(0, v, 2));
    }

    @Test
    void textsOverTheLimitAreTruncatedAndCounted() throws Exception {
        String longText = "word ".repeat(700);
        List<Encoder.TokenCount> counts = e5.countTokens(List.of(longText, "short text"));
        assertThat(counts.get(0)).isEqualTo(new Encoder.TokenCount(512, true));
        assertThat(counts.get(1).truncated()).isFalse();
        assertThat(counts.get(1).tokens()).isEqualTo(4); // [CLS] short text [SEP]
        Encoder.Encoded e = e5.encode(List.of(PreparedText.plain(longText)), ProgressListener.NONE);
        assertThat(e.tokens().get(0).truncated()).isTrue();
    }

    @Test
    void instructionTokensCanBeLeftOutOfMeanPooling() throws Exception {
        Encoder.Encoded both =
                e5.encode(
                        List.of(
                                new PreparedText("query: printer jam", ""),
                                new PreparedText("query: printer jam", "query: ")),
                        ProgressListener.NONE);
        double cos = both.vectors().dot(0, both.vectors(), 1);
        assertThat(cos).isLessThan(0.9999).isGreaterThan(0.8);
    }

    @Test
    void cancellationStopsBetweenBatches() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> encode(e5, "a", "b"))
                    .isInstanceOf(WorkbenchException.class)
                    .extracting(e -> ((WorkbenchException) e).kind())
                    .isEqualTo(WorkbenchException.Kind.CANCELLED);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aCancelledEncodeReturnsOnlyWhenEveryWorkerHasLeftTheModel() throws Exception {
        // two workers on batches of 64 texts (tens of milliseconds each); the caller is
        // interrupted, so it stops waiting at once while both workers are inside a batch
        EncoderOptions two = new EncoderOptions(4096, 64, 1, 2);
        try (Encoder enc = Engines.openEncoder(BundledModels.spec("e5-small-v2"), two)) {
            List<PreparedText> texts = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                texts.add(
                        PreparedText.plain(
                                "passage: text number " + i + " about resetting vpn passwords"));
            }
            AtomicLong done = new AtomicLong();
            ProgressListener counting =
                    new ProgressListener() {
                        @Override
                        public void reset(String message, long max) {}

                        @Override
                        public void increment(long steps) {
                            done.addAndGet(steps);
                        }

                        @Override
                        public void end() {}
                    };
            long atReturn = -1;
            WorkbenchException.Kind kind = null;
            Thread.currentThread().interrupt();
            try {
                enc.encode(texts, counting);
            } catch (WorkbenchException e) {
                atReturn = done.get();
                kind = e.kind();
            } finally {
                Thread.interrupted();
            }
            assertThat(kind).isEqualTo(WorkbenchException.Kind.CANCELLED);
            Thread.sleep(500);
            // no batch finished after encode returned (each worker finished the one it was in)
            assertThat(done.get()).isEqualTo(atReturn).isLessThan(1000);
        }
    }

    @Test
    void smallBatchBudgetGivesTheSameVectors() throws Exception {
        String[] texts = {
            "query: one",
            "query: two words",
            "query: three words here",
            "query: four words are here"
        };
        Embeddings big = encode(e5, texts);
        try (Encoder tiny =
                Engines.openEncoder(
                        BundledModels.spec("e5-small-v2"), new EncoderOptions(8, 2, 1, 2))) {
            Embeddings small = encode(tiny, texts);
            for (int i = 0; i < texts.length; i++) {
                assertThat(big.dot(i, small, i)).isGreaterThan(0.99999);
            }
        }
    }

    @Test
    void bgePoolsTheClsTokenAndTheQueryInstructionChangesTheVector() throws Exception {
        try (Encoder bge = BundledModels.open("bge-small-en-v1.5")) {
            assertThat(bge.model().pooling()).isEqualTo(Pooling.CLS);
            Embeddings v =
                    encode(
                            bge,
                            "lost badge",
                            "Represent this sentence for searching relevant passages: lost badge");
            assertThat(v.dot(0, v, 1)).isLessThan(0.99).isGreaterThan(0.5);
        }
    }
}
