package org.taew.core.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taew.core.formats.parquet.CompactThrift.Struct;

/** What a schema element's physical, converted and logical types make of a top-level column. */
class LeafTest {
    @Test
    void anOptionalUtf8ByteArrayIsNullableText() {
        Leaf leaf = Leaf.of("title", new Struct(Map.of(1, 6L, 3, 1L, 6, 0L)), false);
        assertThat(leaf.readable).isTrue();
        assertThat(leaf.text).isTrue();
        assertThat(leaf.optional).isTrue();
        assertThat(leaf.nullable).isTrue();
        assertThat(leaf.type).isEqualTo("string");
    }

    @Test
    void anUnsignedInt32IsReadAsUnsigned() {
        Leaf leaf = Leaf.of("count", new Struct(Map.of(1, 1L, 6, 13L)), false);
        assertThat(leaf.readable).isTrue();
        assertThat(leaf.unsigned32).isTrue();
        assertThat(leaf.nullable).isFalse();
        assertThat(leaf.type).isEqualTo("uint32");
    }

    @Test
    void aRequiredListIsNestedUnreadableAndNotNullable() {
        Leaf leaf = Leaf.of("tags", new Struct(Map.of(3, 0L, 5, 1L, 6, 3L)), true);
        assertThat(leaf.readable).isFalse();
        assertThat(leaf.optional).as("its pages would carry definition levels").isTrue();
        assertThat(leaf.nullable).isFalse();
        assertThat(leaf.type).isEqualTo("a list (nested)");
    }
}
