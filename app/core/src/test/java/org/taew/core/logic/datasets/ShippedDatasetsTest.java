package org.taew.core.logic.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taew.core.TestPaths;
import org.taew.core.logic.export.ResultsTable;
import org.taew.core.logic.instructions.InstructionLibrary;
import org.taew.core.model.InstructionSet;
import org.taew.core.model.RetrievalDataset;
import org.taew.core.model.TextItem;
import org.taew.core.testing.ShippedWorkspace;

/** The six scenario datasets keep the promises of issue 3 and of their cards. */
class ShippedDatasetsTest {
    private static final Pattern SIZES =
            Pattern.compile(
                    "\\*\\*Sizes:\\*\\* (\\d+) documents, (\\d+) queries, (\\d+) judgments \\(test split\\)");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "similar-questions",
                "qa-passages",
                "code-search",
                "doc-to-doc",
                "query-to-faq",
                "structured-records"
            })
    void scenarioDatasetIsCleanLargeEnoughGradedAndDescribedTruly(String name) throws Exception {
        Path dir = TestPaths.workspace().resolve("datasets").resolve(name);
        DatasetCheck.Report check = DatasetCheck.check(dir, null, 0);
        assertThat(check.findings()).as(name).isEmpty();
        assertThat(check.documents()).isGreaterThanOrEqualTo(150);
        assertThat(check.queries()).isGreaterThanOrEqualTo(50);
        assertThat(check.queriesWithoutJudgments()).isZero();
        assertThat(check.splits())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.grades().keySet()).containsExactly(1, 2);
                            assertThat(s.queries()).isEqualTo(check.queries());
                        });

        // every query has a document it counts as an answer (grade 2), not only partial ones
        RetrievalDataset data = BeirReader.read(dir, null);
        for (TextItem q : data.queries()) {
            assertThat(data.qrels().of(q.id()).values()).as(q.id()).contains(2);
        }
        // no text is shipped twice under different ids
        Set<String> texts = new HashSet<>();
        for (TextItem d : data.documents()) {
            assertThat(texts.add(d.text())).as("document %s repeats a text", d.id()).isTrue();
        }

        DatasetSettings settings = DatasetSettings.of(dir);
        assertThat(settings.task()).isNotNull();
        // dataset.yaml says what the ids and texts say, and ignoring identical ids drops no
        // judged-relevant document
        IdenticalIds.Decision evidence = IdenticalIds.decide(null, DatasetSettings.NONE, data);
        assertThat(settings.ignoreIdenticalIds()).isEqualTo(evidence.ignore());
        assertThat(evidence.relevantToThemselves()).isEmpty();
        // the bundled models' instruction files all define the dataset's task
        InstructionLibrary library =
                InstructionLibrary.load(TestPaths.workspace().resolve("instructions"));
        List<String> families = new ArrayList<>();
        for (InstructionSet set : library.sets()) {
            if (set.task(settings.task()).isPresent()) {
                families.add(set.family());
            }
        }
        assertThat(families).contains("e5", "bge", "minilm");

        String card = Files.readString(dir.resolve("README.md"));
        Matcher m = SIZES.matcher(card);
        assertThat(m.find()).as(name + " card states its sizes").isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(check.documents());
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(check.queries());
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(check.splits().get(0).pairs());
        // the card's measured rows are the ones of the cross-dataset table in docs/
        String table = Files.readString(ShippedWorkspace.file("docs/dataset-results.md"));
        String section =
                card.substring(card.indexOf(ResultsTable.BEGIN), card.indexOf(ResultsTable.END));
        List<String> rows =
                section.lines()
                        .filter(l -> l.matches("\\| [a-zA-Z0-9].*") && !l.startsWith("| model |"))
                        .toList();
        assertThat(rows).hasSize(3);
        for (String row : rows) {
            String[] cells = row.split(" \\| ");
            String model = cells[0].substring(2);
            String numbers = " | " + String.join(" | ", List.of(cells).subList(2, cells.length));
            assertThat(table)
                    .contains("| " + name + " | " + model + " | " + settings.task() + numbers);
        }
    }
}
