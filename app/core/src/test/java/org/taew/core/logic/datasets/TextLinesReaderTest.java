package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taew.core.model.TextItem;

class TextLinesReaderTest {
    @TempDir Path dir;

    @Test
    void eachLineIsATextWithItsLineNumberAsId() throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "first text\r\nsecond text\n", StandardCharsets.UTF_8);
        assertThat(TextLinesReader.read(f))
                .containsExactly(new TextItem("1", "first text"), new TextItem("2", "second text"));
    }

    @Test
    void emptyLinesBadBytesAndEmptyFilesNameFileAndLine() throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "a\n\nb\n");
        assertThatThrownBy(() -> TextLinesReader.read(f))
                .hasMessage(
                        f
                                + ":2: empty line; expected one text per line (to encode empty"
                                + " lines as empty texts, as sentence-transformers does, pass"
                                + " --allow-empty)");
        Files.write(f, "ok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TextLinesReader.read(f))
                .hasMessage(f + ":2: is not valid UTF-8 text (save the file as UTF-8)");
        Files.writeString(f, "");
        assertThatThrownBy(() -> TextLinesReader.read(f)).hasMessage(f + ": no texts");
    }

    @Test
    void emptyAndBlankLinesAreTextsWhenAllowed() throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "a\n\n  \nb\n");
        assertThat(TextLinesReader.read(f, true))
                .containsExactly(
                        new TextItem("1", "a"),
                        new TextItem("2", ""),
                        new TextItem("3", "  "),
                        new TextItem("4", "b"));
    }
}
