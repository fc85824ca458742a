package org.taew.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ThreadPriorityTest {
    /** The nice value of the calling thread, field 19 of /proc/thread-self/stat. */
    private static int niceOfCurrentThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]); // fields from the 3rd on; nice is the 19th
    }

    @Test
    void aBackgroundThreadRunsAtNiceTenAndOthersKeepTheirPriority() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/renice"))
                        || Files.isExecutable(Path.of("/bin/renice")),
                "renice (util-linux) not installed");
        AtomicInteger background = new AtomicInteger(-100);
        AtomicInteger normal = new AtomicInteger(-100);
        Thread b =
                ThreadPriority.daemonThreads("test-bg", true)
                        .newThread(() -> background.set(niceSafely()));
        Thread n =
                ThreadPriority.daemonThreads("test-fg", false)
                        .newThread(() -> normal.set(niceSafely()));
        b.start();
        n.start();
        b.join();
        n.join();
        int base = niceOfCurrentThread();
        assertThat(b.isDaemon()).isTrue();
        assertThat(normal.get()).isEqualTo(base);
        Assumptions.assumeTrue(base < 19, "already at the lowest priority");
        assertThat(background.get()).isGreaterThan(base).isLessThanOrEqualTo(19);
    }

    private static int niceSafely() {
        try {
            return niceOfCurrentThread();
        } catch (Exception e) {
            return -99;
        }
    }
}
