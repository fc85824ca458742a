package org.taew.core.logic.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taew.core.logic.encoding.Precision;
import org.taew.core.logic.export.Csv;
import org.taew.core.logic.metrics.Significance;
import org.taew.core.model.Arm;

/**
 * The leaderboard as tables for other tools: CSV (one row per dataset, model and variant or
 * reference row, its arm in the last column) and LaTeX (ranx-style: the best in bold, significance
 * against the baseline marked).
 */
final class LeaderboardTables {
    private LeaderboardTables() {}

    /** One row per dataset, model and variant. */
    static String csv(ExperimentResult r) {
        StringBuilder sb =
                new StringBuilder(
                        "dataset,split,model,variant,query_template,document_template,measure,mean,ci_low,"
                                + "ci_high,baseline,delta,delta_ci_low,delta_ci_high,p,p_holm,wins,losses,"
                                + "query_cosine,document_cosine,top10_overlap,arm\n");
        for (ExperimentResult.ModelResult m : r.results()) {
            for (ExperimentResult.VariantResult v : m.leaderboard()) {
                List<String> f =
                        List.of(
                                m.dataset(),
                                m.split(),
                                Precision.displayName(m.model()),
                                v.name(),
                                v.arm() == Arm.BM25 ? "" : v.instructions().query().standalone(),
                                v.arm() == Arm.BM25 ? "" : v.instructions().document().standalone(),
                                r.spec().measure().name(),
                                num(v.mean()),
                                num(v.ci().low()),
                                num(v.ci().high()),
                                m.baselineName(),
                                num(v.delta()),
                                num(v.deltaCi().low()),
                                num(v.deltaCi().high()),
                                num(v.p()),
                                num(v.holm()),
                                Integer.toString(v.wins()),
                                Integer.toString(v.losses()),
                                num(v.diagnostics().queryCosine()),
                                num(v.diagnostics().documentCosine()),
                                num(v.diagnostics().top10Overlap()),
                                v.arm().label());
                List<String> quoted = new ArrayList<>();
                f.forEach(x -> quoted.add(Csv.field(x)));
                sb.append(String.join(",", quoted)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** A LaTeX tabular per dataset and model, ranx-style: best in bold, † significant (Holm). */
    static String latex(ExperimentResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("% taew experiment ")
                .append(r.spec().name())
                .append("; needs \\usepackage{booktabs}\n");
        for (ExperimentResult.ModelResult m : r.results()) {
            sb.append("\\begin{table}[ht]\n\\centering\n\\begin{tabular}{lrrr}\n\\toprule\n");
            sb.append("Variant & ")
                    .append(tex(r.spec().measure().label()))
                    .append(" & $\\Delta$ & $p_\\mathrm{Holm}$ \\\\\n\\midrule\n");
            List<ExperimentResult.VariantResult> lb = m.leaderboard();
            for (int i = 0; i < lb.size(); i++) {
                ExperimentResult.VariantResult v = lb.get(i);
                String mean = String.format(Locale.ROOT, "%.4f", v.mean());
                boolean base = v.name().equals(m.baselineName());
                sb.append(tex(v.name()))
                        .append(base ? " (baseline)" : "")
                        .append(" & ")
                        .append(i == 0 ? "\\textbf{" + mean + "}" : mean)
                        .append(v.significant() && !base ? "$^{\\dagger}$" : "")
                        .append(" & ")
                        .append(base ? "--" : String.format(Locale.ROOT, "%+.4f", v.delta()))
                        .append(" & ")
                        .append(base ? "--" : Significance.format(v.holm()).replace("<", "$<$"))
                        .append(" \\\\\n");
            }
            sb.append("\\bottomrule\n\\end{tabular}\n\\caption{")
                    .append(tex(m.dataset() + ", " + Precision.displayName(m.model())))
                    .append(
                            ": instruction variants and the BM25 reference; $\\dagger$ differs from ")
                    .append(tex(m.baselineName()))
                    .append(" after Holm's adjustment ($")
                    .append(Significance.BELOW_ALPHA)
                    .append("$). ")
                    .append(
                            tex(ExperimentSentences.recommendation(m.recommendation()))
                                    .replace("<", "$<$"))
                    .append("}\n\\end{table}\n\n");
        }
        return sb.toString();
    }

    private static String tex(String s) {
        return s.replace("\\", "\\textbackslash{}")
                .replace("_", "\\_")
                .replace("%", "\\%")
                .replace("&", "\\&")
                .replace("#", "\\#");
    }
}
