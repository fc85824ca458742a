package org.taew.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The experiment started from the Experiments tab runs through in quick mode, headless (Monocle),
 * on the JavaFX platform the other window benchmarks of this JVM share.
 */
class ExperimentGuiQuickTest {
    @Test
    void printsTheLeaderboardLatency() throws Exception {
        assertThat(DesktopBenchmarksQuickTest.run("experiment-gui"))
                .contains("First evaluation (everything encoded)")
                .contains("longest FX-thread stall meanwhile");
    }
}
