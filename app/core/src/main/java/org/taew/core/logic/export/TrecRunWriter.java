package org.taew.core.logic.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taew.core.model.Run;
import org.taew.core.model.ScoredDoc;
import org.taew.core.util.AtomicFiles;
import org.taew.core.util.WorkbenchException;

/** Writes a run in TREC format ({@code qid Q0 docid rank score tag}), readable by trec_eval. */
public final class TrecRunWriter {
    private TrecRunWriter() {}

    public static void write(Path file, Run run, String tag) throws WorkbenchException {
        if (tag.isBlank() || tag.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a run tag must be one word: \"" + tag + "\"");
        }
        AtomicFiles.write(
                file,
                out -> {
                    BufferedWriter w =
                            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    for (Map.Entry<String, List<ScoredDoc>> e : run.rankings().entrySet()) {
                        int rank = 1;
                        for (ScoredDoc d : e.getValue()) {
                            w.write(
                                    String.format(
                                            Locale.ROOT,
                                            "%s Q0 %s %d %.6f %s%n",
                                            e.getKey(),
                                            d.docId(),
                                            rank++,
                                            d.score(),
                                            tag));
                        }
                    }
                    w.flush();
                });
    }
}
