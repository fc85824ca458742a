package org.taew.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The start-up benchmark needs a display, xdotool and the installed image; without them its quick
 * mode ends with the clear message of what is missing.
 */
class StartupQuickTest {
    @Test
    void saysWhatIsMissingOrRuns() throws Exception {
        boolean image =
                Files.isExecutable(
                        Path.of(
                                "app/installer/target/installer/taew-workbench/bin/taew-workbench"));
        if (System.getenv("DISPLAY") == null || !image) {
            assertThatThrownBy(() -> DesktopBenchmarksQuickTest.run("startup"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageMatching("(no DISPLAY: run under xvfb-run|no app image at .*)");
        } else {
            assertThat(DesktopBenchmarksQuickTest.run("startup")).contains("Warm start");
        }
    }
}
