package org.taew.core.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taew.core.util.WorkbenchException;

/**
 * The reader against files written by another implementation (arrow-rs, through
 * tools/parquet-fixtures): every compression and encoding it meets, nulls, multi-byte text, several
 * row groups and pages; and what it says about files it does not read.
 */
class ParquetFileTest {
    private static final List<String> ALL =
            List.of("id", "text", "title", "score", "grade", "big", "ratio", "flag");

    @TempDir Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(ParquetFileTest.class.getResource("/parquet/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "snappy-dictionary-v1",
                "plain-uncompressed-v1",
                "zstd-rowgroups-smallpages-v1",
                "gzip-dictionary-v2",
                "lz4raw-delta-v2",
                "uncompressed-v2-plain"
            })
    void everyVariantReadsBackTheRowsItWasWrittenFrom(String variant) throws Exception {
        JsonArray expected =
                JsonParser.parseString(Files.readString(fixture("variants/expected.json")))
                        .getAsJsonArray();
        try (ParquetFile f = ParquetFile.open(fixture("variants/" + variant + ".parquet"))) {
            assertThat(f.rowCount()).isEqualTo(expected.size());
            assertThat(f.columns())
                    .extracting(ParquetFile.Column::name)
                    .containsExactlyElementsOf(ALL);
            assertThat(f.column("title").orElseThrow().kind()).isEqualTo(ParquetFile.Kind.TEXT);
            assertThat(f.column("big").orElseThrow().kind()).isEqualTo(ParquetFile.Kind.INTEGER);
            assertThat(f.column("ratio").orElseThrow().kind()).isEqualTo(ParquetFile.Kind.REAL);
            ParquetFile.Rows rows = f.rows(ALL);
            int i = 0;
            while (rows.next()) {
                JsonObject e = expected.get(i).getAsJsonObject();
                assertThat(rows.rowNumber()).isEqualTo(i + 1);
                assertThat(rows.get(0)).isEqualTo(e.get("id").getAsString());
                assertThat(rows.get(1)).isEqualTo(e.get("text").getAsString());
                JsonElement title = e.get("title");
                assertThat(rows.get(2)).isEqualTo(title.isJsonNull() ? null : title.getAsString());
                assertThat(rows.get(3)).isEqualTo(e.get("score").getAsDouble());
                assertThat(rows.get(4)).isEqualTo(e.get("grade").getAsLong());
                assertThat(rows.get(5)).isEqualTo(Long.parseLong(e.get("big").getAsString()));
                assertThat(rows.get(6)).isEqualTo(e.get("ratio").getAsDouble());
                assertThat(rows.get(7)).isEqualTo(e.get("flag").getAsBoolean());
                i++;
            }
            assertThat(i).isEqualTo(expected.size());
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aColumnSubsetInAnyOrderReadsOnlyThoseColumns() throws Exception {
        try (ParquetFile f =
                ParquetFile.open(fixture("variants/zstd-rowgroups-smallpages-v1.parquet"))) {
            ParquetFile.Rows rows = f.rows(List.of("text", "id"));
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add((String) rows.get(1));
                assertThat((String) rows.get(0)).isNotEmpty();
            }
            assertThat(ids).hasSize(1000).startsWith("doc-00000").endsWith("doc-00999");
        }
    }

    @Test
    void aFileWrittenWithACodecItDoesNotReadIsRefusedNamingTheCodecAndColumn() throws Exception {
        Path file = fixture("variants/brotli-refused.parquet");
        try (ParquetFile f = ParquetFile.open(file)) {
            assertThat(f.columns()).hasSize(8);
            ParquetFile.Rows rows = f.rows(List.of("id"));
            assertThatThrownBy(rows::next)
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("column 'id' in row group 1")
                    .hasMessageContaining("Brotli")
                    .hasMessageContaining("snappy, gzip, zstd");
        }
    }

    @Test
    void aMissingColumnIsRefusedWithTheColumnsTheFileHas() throws Exception {
        try (ParquetFile f = ParquetFile.open(fixture("variants/snappy-dictionary-v1.parquet"))) {
            assertThatThrownBy(() -> f.rows(List.of("_id")))
                    .hasMessageContaining("has no column '_id'")
                    .hasMessageContaining("id (string), text (string), title (string)")
                    .hasMessageContaining("score (double), grade (int32), big (int64)");
        }
    }

    @Test
    void somethingElseIsNotTakenForParquet() throws Exception {
        Path text = tmp.resolve("corpus.parquet");
        Files.writeString(text, "{\"_id\": \"d1\", \"text\": \"not parquet at all\"}\n");
        assertThatThrownBy(() -> ParquetFile.open(text))
                .hasMessageContaining(text.toString())
                .hasMessageContaining("is not a parquet file");
        Path empty = tmp.resolve("empty.parquet");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> ParquetFile.open(empty)).hasMessageContaining("0 bytes");
    }

    @Test
    void aTruncatedFileIsRefusedAndADamagedPageNamesItsColumn() throws Exception {
        byte[] whole = Files.readAllBytes(fixture("variants/snappy-dictionary-v1.parquet"));
        Path cut = tmp.resolve("cut.parquet");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> ParquetFile.open(cut))
                .hasMessageContaining("is not a parquet file");

        // overwrite the middle of the first column's pages: the footer still reads
        byte[] damaged = whole.clone();
        for (int i = 40; i < 400; i++) {
            damaged[i] = (byte) 0xFF;
        }
        Path bad = tmp.resolve("bad.parquet");
        Files.write(bad, damaged);
        try (ParquetFile f = ParquetFile.open(bad)) {
            ParquetFile.Rows rows = f.rows(List.of("id"));
            assertThatThrownBy(rows::next)
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining(bad.toString())
                    .hasMessageContaining("column 'id' in row group 1 is damaged");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge-v1", "edge-v2"})
    void aColumnOfNullsReadsAsNullsAndTypesThatWouldReadWrongAreRefusedWithTheReason(String v)
            throws Exception {
        try (ParquetFile f = ParquetFile.open(fixture("edge/" + v + ".parquet"))) {
            ParquetFile.Rows rows = f.rows(List.of("id", "nothing", "count32"));
            int n = 0;
            while (rows.next()) {
                assertThat(rows.get(0)).isEqualTo("e" + n);
                assertThat(rows.get(1)).isNull();
                assertThat(rows.get(2)).as("uint32 above 2^31").isEqualTo(4294967295L - n);
                n++;
            }
            assertThat(n).isEqualTo(50);
            assertThat(f.column("big64").orElseThrow().type()).startsWith("uint64");
            assertThatThrownBy(() -> f.rows(List.of("big64")))
                    .hasMessageContaining("column 'big64' is uint64")
                    .hasMessageContaining("does not read");
            assertThatThrownBy(() -> f.rows(List.of("day")))
                    .hasMessageContaining("column 'day' is a date, time or timestamp");
        }
    }

    @Test
    void anEmptyTableHasNoRows() throws Exception {
        try (ParquetFile f = ParquetFile.open(fixture("edge/empty.parquet"))) {
            assertThat(f.rowCount()).isZero();
            assertThat(f.rows(List.of("_id", "text")).next()).isFalse();
        }
    }
}
