package org.taew.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The STS-Benchmark files of quick mode: 64 made-up pairs per split in STS-B's column layout,
 * written to a temporary folder, so that {@code --quick} needs no reference data.
 */
final class QuickSts {
    private static final String[] SUBJECTS = {
        "A man", "A woman", "The dog", "A child", "Two cats", "The chef", "A pilot", "The team"
    };
    private static final String[] ACTIONS = {
        "is playing a guitar",
        "is slicing an onion",
        "runs across the field",
        "reads a long book",
        "is riding a bicycle",
        "sleeps on the sofa",
        "is cooking dinner",
        "climbs a steep hill"
    };

    private QuickSts() {}

    /** A new folder holding {@code sts-dev.csv} and {@code sts-test.csv}. */
    static Path write() throws IOException {
        Path dir = Files.createTempDirectory("taew-quick-sts");
        dir.toFile().deleteOnExit();
        for (String split : new String[] {"dev", "test"}) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String a = SUBJECTS[i % 8] + " " + ACTIONS[(i / 8) % 8] + ".";
                String b =
                        SUBJECTS[(i + i / 8) % 8] + " " + ACTIONS[(i / 8) % 8] + " " + split + ".";
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "main-captions\tquick\t2012%s\t%04d\t%.3f\t%s\t%s",
                                split,
                                i,
                                (i * 7 % 50) / 10.0,
                                a,
                                b));
            }
            Path file = dir.resolve("sts-" + split + ".csv");
            Files.write(file, lines, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
        }
        return dir;
    }
}
