package org.taew.core.logic.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.logic.encoding.ModelCatalog;
import org.taew.core.util.WorkbenchHome;

/** Malformed ONNX files and configs end in messages, never in crashes or huge allocations. */
class WeightsFormatsTest {
    @TempDir Path dir;

    @Test
    void aTruncatedOnnxFileIsReportedWithItsName() throws Exception {
        Path e5 = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2").weights();
        byte[] head =
                new byte[5_000_000]; // the graph's first part: nodes, then a weight cut in half
        try (var in = Files.newInputStream(e5)) {
            in.readNBytes(head, 0, head.length);
        }
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, head);
        assertThatThrownBy(() -> OnnxModel.read(cut))
                .isInstanceOf(MalformedWeightsException.class)
                .hasMessageStartingWith(cut + " is not a valid ONNX file (");
    }

    @Test
    void randomBytesAreNotAnOnnxModel() {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + r.nextInt(4000)];
            r.nextBytes(junk);
            assertThatThrownBy(() -> OnnxModel.parse(ByteBuffer.wrap(junk), "junk.onnx"))
                    .isInstanceOf(MalformedWeightsException.class)
                    .hasMessageStartingWith("junk.onnx is not a valid ONNX file");
        }
    }

    @Test
    void aLengthThatClaimsMoreThanTheFileHasIsRefused() {
        // field 7 (graph), length-delimited, claiming 2^31 bytes in a 7-byte file
        byte[] lying = {0x3a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x00};
        assertThatThrownBy(() -> OnnxModel.parse(ByteBuffer.wrap(lying), "lying.onnx"))
                .hasMessageContaining("a field of 2147483648 bytes where 1 are left");
    }

    @Test
    void unsupportedArchitecturesAndBadShapesAreNamed() throws Exception {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"model_type\": \"t5\", \"hidden_size\": 512}");
        assertThatThrownBy(() -> BertConfig.read(cfg))
                .hasMessageContaining(
                        "model_type \"t5\" is not supported by the native encoder (supported: bert, roberta, xlm-roberta)");
        Files.writeString(
                cfg,
                "{\"model_type\": \"bert\", \"hidden_size\": 384, \"num_attention_heads\": 5,"
                        + " \"num_hidden_layers\": 2, \"intermediate_size\": 64, \"max_position_embeddings\": 512}");
        assertThatThrownBy(() -> BertConfig.read(cfg))
                .hasMessageContaining("hidden_size 384 is not a multiple of num_attention_heads 5");
        Files.writeString(
                cfg,
                "{\"model_type\": \"roberta\", \"hidden_size\": 8, \"num_attention_heads\": 2,"
                        + " \"num_hidden_layers\": 1, \"intermediate_size\": 16, \"max_position_embeddings\": 514,"
                        + " \"pad_token_id\": 1, \"hidden_act\": \"gelu\"}");
        BertConfig roberta = BertConfig.read(cfg);
        assertThat(roberta.positionOffset()).isEqualTo(2);
        assertThat(roberta.headSize()).isEqualTo(4);
        assertThat(Arrays.asList(BertConfig.SUPPORTED.toArray())).contains("xlm-roberta");
    }
}
