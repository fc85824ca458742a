package org.taew.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The edit-to-update benchmark runs through in quick mode, headless (Monocle). */
class LiveUpdateQuickTest {
    @Test
    void printsTheEditLatencies() throws Exception {
        assertThat(DesktopBenchmarksQuickTest.run("live"))
                .contains("edit to updated view median")
                .contains("first evaluation / median edit");
    }
}
