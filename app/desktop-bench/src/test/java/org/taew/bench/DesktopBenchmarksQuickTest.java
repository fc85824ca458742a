package org.taew.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs one desktop benchmark in quick mode and returns what it printed; JavaFX stays up for the
 * next (it starts once per JVM).
 */
final class DesktopBenchmarksQuickTest {
    private DesktopBenchmarksQuickTest() {}

    static String run(String benchmark) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            DesktopBenchmarks.run(new String[] {benchmark, "--quick"});
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertThat(out).contains("Quick mode");
        return out;
    }
}
