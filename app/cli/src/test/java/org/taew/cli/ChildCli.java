package org.taew.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line in a child JVM, for tests that kill it part-way; its output goes to a log. */
record ChildCli(Process process, Path log) {
    /** Starts {@code taew ARGS…} on this test's class path, offline. */
    static ChildCli start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new ChildCli(p, log);
    }

    /** Kills it with SIGKILL (no shutdown hook, no finally), after checking it still runs. */
    void kill(String doing) throws InterruptedException {
        assertThat(process.isAlive()).as("the child was still " + doing + ": " + output()).isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    /** What it printed, for a failure's message. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
