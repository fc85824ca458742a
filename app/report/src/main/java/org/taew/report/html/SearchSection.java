package org.taew.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taew.core.logic.experiments.ExperimentReport;
import org.taew.core.logic.experiments.ExperimentResult;
import org.taew.report.html.Html.Cell;

/**
 * An instruction search's trace on the experiment's page: the sentence every output says, then each
 * wording the final search scored with its last round (how far it got), and every step folded away.
 */
final class SearchSection {
    private SearchSection() {}

    static void of(Html html, ExperimentResult.SearchTrace t) {
        html.h3("What the search tried");
        html.p(ExperimentReport.search(t));
        Map<String, ExperimentResult.SearchStep> furthest = new LinkedHashMap<>();
        for (ExperimentResult.SearchStep s : t.steps()) {
            if (s.fold() == 0) {
                furthest.put(s.name(), s); // later steps go further
            }
        }
        List<ExperimentResult.SearchStep> last = new ArrayList<>(furthest.values());
        last.sort(
                (a, b) ->
                        a.round() != b.round()
                                ? Integer.compare(b.round(), a.round())
                                : Double.compare(b.mean(), a.mean()));
        html.table(head(), rows(last));
        html.details(
                "Every step of every search (" + t.steps().size() + ")",
                () -> {
                    List<String> h = new ArrayList<>(List.of("fold"));
                    h.addAll(head());
                    List<List<Cell>> rows = new ArrayList<>();
                    for (ExperimentResult.SearchStep s : t.steps()) {
                        List<Cell> row =
                                new ArrayList<>(
                                        List.of(
                                                Cell.text(
                                                        s.fold() == 0
                                                                ? "final"
                                                                : Integer.toString(s.fold()))));
                        row.addAll(row(s));
                        rows.add(row);
                    }
                    html.table(h, rows);
                });
    }

    private static List<String> head() {
        return List.of(
                "round",
                "wording",
                "origin",
                "query template",
                "document template",
                "queries",
                "mean");
    }

    private static List<List<Cell>> rows(List<ExperimentResult.SearchStep> steps) {
        List<List<Cell>> rows = new ArrayList<>();
        for (ExperimentResult.SearchStep s : steps) {
            rows.add(row(s));
        }
        return rows;
    }

    private static List<Cell> row(ExperimentResult.SearchStep s) {
        Cell name = Cell.text(s.name());
        return List.of(
                Cell.number(Integer.toString(s.round())),
                s.kept() ? name.strong() : name,
                Cell.text(s.origin()),
                Cell.code(s.instructions().query().standalone()),
                Cell.code(s.instructions().document().standalone()),
                Cell.number(Integer.toString(s.queries())),
                Cell.number(Html.fixed(s.mean(), 4)));
    }
}
