package org.taew.core.logic.experiments;

import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.export.Csv;

/**
 * {@code search-trace.csv}: every scoring step of every search, one row each — the dataset and
 * model, the fold (0: the final search on every query), the round, the wording with its origin and
 * templates, the queries it had been scored on, its mean, whether it went on.
 */
final class SearchTraceCsv {
    private SearchTraceCsv() {}

    static String csv(ExperimentResult r) {
        StringBuilder sb =
                new StringBuilder(
                        "dataset,model,fold,round,wording,origin,query_template,document_template,"
                                + "queries,mean,kept\n");
        for (ExperimentResult.ModelResult m : r.results()) {
            if (m.search() == null) {
                continue;
            }
            for (ExperimentResult.SearchStep s : m.search().steps()) {
                List<String> f =
                        List.of(
                                m.dataset(),
                                Precision.displayName(m.model()),
                                Integer.toString(s.fold()),
                                Integer.toString(s.round()),
                                s.name(),
                                s.origin(),
                                s.instructions().query().standalone(),
                                s.instructions().document().standalone(),
                                Integer.toString(s.queries()),
                                String.format(Locale.ROOT, "%.6f", s.mean()),
                                Boolean.toString(s.kept()));
                StringBuilder row = new StringBuilder();
                for (String x : f) {
                    row.append(row.length() == 0 ? "" : ",").append(Csv.field(x));
                }
                sb.append(row).append('\n');
            }
        }
        return sb.toString();
    }
}
