package org.taew.core.logic.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.taew.core.logic.engine.Engines;
import org.taew.core.model.Template;
import org.taew.core.model.TextItem;
import org.taew.core.util.WorkbenchHome;

class InstructionCostTest {
    @Test
    void countsTheInstructionsTokensAndTheTextsItPushesPastTheLimit() throws Exception {
        var spec = new ModelCatalog(WorkbenchHome.models()).resolve("e5-small-v2");
        // 508 words of one token each + [CLS] + [SEP] = 510 tokens: fits 512 alone and with
        // "query: " (2 tokens), not with a 5-token instruction
        String nearLimit = "word ".repeat(508).strip();
        List<TextItem> items =
                List.of(
                        new TextItem("short", "how do I reset my password"),
                        new TextItem("near", nearLimit),
                        new TextItem("long", "word ".repeat(700).strip()));
        try (Encoder e = Engines.openEncoder(spec, EncoderOptions.DEFAULT)) {
            InstructionCost e5 = InstructionCost.measure(e, Template.parse("query: {text}"), items);
            assertThat(e5.instructionTokens()).isEqualTo(2);
            assertThat(e5.truncated()).isEqualTo(1);
            assertThat(e5.truncatedWithout()).isEqualTo(1);
            assertThat(e5.maxLength()).isEqualTo(512);

            InstructionCost longer =
                    InstructionCost.measure(
                            e, Template.parse("search the help desk articles: {text}"), items);
            assertThat(longer.instructionTokens()).isEqualTo(6);
            assertThat(longer.truncated()).isEqualTo(2);
            assertThat(longer.truncatedShare()).isCloseTo(2 / 3.0, Offset.offset(1e-9));

            InstructionCost none = InstructionCost.measure(e, Template.IDENTITY, items);
            assertThat(none.instructionTokens()).isZero();
            assertThat(none.truncated()).isEqualTo(1);
        }
    }
}
