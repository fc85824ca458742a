package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taew.core.model.TextItem;

/** The BEIR record rules the reader and the Spark job share, line by line. */
class BeirRecordTest {
    @Test
    void aDocumentsTextIsItsTitleThenItsTextStripped() throws Exception {
        assertThat(
                        BeirRecord.parse(
                                "{\"_id\": \"d1\", \"title\": \"VPN\", \"text\": \"reset it \"}",
                                true))
                .isEqualTo(new TextItem("d1", "VPN reset it"));
        // the words may be in the title alone; a number is taken as its text
        assertThat(BeirRecord.parse("{\"_id\": 7, \"title\": \"Printer\"}", true))
                .isEqualTo(new TextItem("7", "Printer"));
        // a query's title is not read
        assertThat(BeirRecord.parse("{\"_id\": \"q\", \"title\": \"x\", \"text\": \"why\"}", false))
                .isEqualTo(new TextItem("q", "why"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[1, 2]                                   | true  | expected a JSON object like",
                "{\"_id\": \"d\", \"text\": }              | true  | is not valid JSON: ",
                "{\"text\": \"t\"}                         | true  | missing field \"_id\"",
                "{\"_id\": \" \", \"text\": \"t\"}         | true  | \"_id\" is empty",
                "{\"_id\": \"q\"}                          | false | missing field \"text\"",
                "{\"_id\": \"d\", \"text\": true}          | true  | field \"text\" must be a string",
                "{\"_id\": \"d\", \"text\": [\"t\"]}       | true  | field \"text\" must be a string",
                "{\"_id\": \"d\", \"title\": \" \", \"text\": \"\"} | true | \"d\" has no text (title and text are both empty)",
                "{\"_id\": \"q\", \"text\": \"  \"}        | false | \"q\" has no text",
            })
    void aLineThatIsNoRecordSaysWhy(String line, boolean withTitle, String message) {
        assertThatThrownBy(() -> BeirRecord.parse(line.strip(), withTitle))
                .isInstanceOf(BeirRecord.Malformed.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void theTextRuleIsTitleSpaceTextStrippedAndTheReaderSaysTheSame() {
        assertThat(BeirRecord.documentText("VPN", "reset it ")).isEqualTo("VPN reset it");
        assertThat(BeirRecord.documentText(null, " why")).isEqualTo("why");
        assertThat(BeirRecord.documentText("", "")).isEmpty();
        assertThat(BeirReader.documentText("VPN", "reset it ")).isEqualTo("VPN reset it");
    }
}
