package org.taew.report.html;

import java.util.List;
import java.util.Locale;

/**
 * A page of a report being written: headings, paragraphs, tables, marked warnings and inline SVG,
 * every text escaped. The page needs nothing beyond itself: its style is inline and it has no
 * script.
 */
public final class Html {
    /** One table cell: text, a number (right-aligned, tabular figures) or code (a template). */
    public record Cell(String text, Kind kind, boolean bold) {
        public enum Kind {
            TEXT,
            NUMBER,
            CODE
        }

        public static Cell text(String s) {
            return new Cell(s, Kind.TEXT, false);
        }

        public static Cell number(String s) {
            return new Cell(s, Kind.NUMBER, false);
        }

        /** Code, e.g. a template: shown in a monospaced face, line breaks as ⏎. */
        public static Cell code(String s) {
            return new Cell(s, Kind.CODE, false);
        }

        public Cell strong() {
            return new Cell(text, kind, true);
        }

        boolean number() {
            return kind == Kind.NUMBER;
        }
    }

    private static final String STYLE =
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
                    + "color:#1d232b;max-width:1180px;margin:24px auto;padding:0 24px}"
                    + "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;"
                    + "border-bottom:1px solid #dde1e6;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}"
                    + "p{margin:6px 0}.meta{color:#5a6572}"
                    + "table{border-collapse:collapse;margin:8px 0 12px;font-size:13px}"
                    + "th,td{padding:3px 9px;border-bottom:1px solid #e6e9ed;vertical-align:top;text-align:left}"
                    + "th{background:#f3f5f7;font-weight:600}td.n,th.n{text-align:right;"
                    + "font-variant-numeric:tabular-nums;white-space:nowrap}"
                    + "code{font:12px ui-monospace,'DejaVu Sans Mono',monospace;background:#f3f5f7;"
                    + "padding:0 3px;border-radius:3px;white-space:pre-wrap}"
                    + ".warning{background:#fff6e0;border-left:4px solid #d98c1f;padding:6px 10px;margin:8px 0}"
                    + ".draft{background:#fde8e6;border-left:4px solid #b03a2e;padding:6px 10px;margin:8px 0;"
                    + "font-weight:600}.verdict{background:#eaf2fb;border-left:4px solid #2b6cb0;"
                    + "padding:6px 10px;margin:10px 0;font-weight:600}"
                    + ".chart{margin:8px 0}.chart svg{max-width:100%;height:auto}"
                    + "details{margin:8px 0}summary{cursor:pointer;color:#2b6cb0}"
                    + "footer{margin-top:32px;color:#5a6572;font-size:12px}";

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public Html(String title) {
        this.title = title;
        tag("h1", title);
    }

    /** The whole page. */
    public String page(String footer) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>"
                + escape(title)
                + "</title>\n<style>"
                + STYLE
                + "</style>\n</head>\n<body>\n"
                + body
                + "<footer>"
                + escape(footer)
                + "</footer>\n</body>\n</html>\n";
    }

    public Html h2(String text) {
        return tag("h2", text);
    }

    public Html h3(String text) {
        return tag("h3", text);
    }

    public Html p(String text) {
        return tag("p", text);
    }

    /** Secondary text: settings, how the numbers were computed. */
    public Html meta(String text) {
        body.append("<p class=\"meta\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph with a bold lead, e.g. "Query template:" and a template in code. */
    public Html labelled(String label, String code) {
        body.append("<p><strong>")
                .append(escape(label))
                .append("</strong> <code>")
                .append(codeText(code))
                .append("</code></p>\n");
        return this;
    }

    /**
     * A warning every reader must see, marked as every other output marks it: a draft's note (it
     * starts {@code DRAFT:}) in its own colour, any other as a warning.
     */
    public Html warning(String sentence) {
        return sentence.startsWith("DRAFT:")
                ? box("draft", sentence + ".")
                : box("warning", "Warning: " + sentence + ".");
    }

    /** The finding in one sentence, set off from the rest. */
    public Html verdict(String sentence) {
        return box("verdict", sentence);
    }

    /** A table; a header cell is right-aligned when its column's first row is a number. */
    public Html table(List<String> head, List<List<Cell>> rows) {
        body.append("<table>\n<thead><tr>");
        for (int c = 0; c < head.size(); c++) {
            boolean number = !rows.isEmpty() && rows.get(0).get(c).number();
            body.append(number ? "<th class=\"n\">" : "<th>")
                    .append(escape(head.get(c)))
                    .append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : rows) {
            body.append("<tr>");
            for (Cell cell : row) {
                body.append(cell.number() ? "<td class=\"n\">" : "<td>");
                String inner =
                        cell.kind() == Cell.Kind.CODE
                                ? "<code>" + codeText(cell.text()) + "</code>"
                                : escape(cell.text());
                body.append(cell.bold() ? "<strong>" + inner + "</strong>" : inner);
                body.append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        return this;
    }

    /** A chart drawn as SVG ({@link org.taew.report.charts.SvgCharts}), with its description. */
    public Html svg(String svg, String description) {
        body.append("<figure class=\"chart\" role=\"img\" aria-label=\"")
                .append(escape(description))
                .append("\">")
                .append(svg)
                .append("</figure>\n");
        return this;
    }

    /** A folded section: {@code summary} shown, the rest written by {@code inside}. */
    public Html details(String summary, Runnable inside) {
        body.append("<details><summary>").append(escape(summary)).append("</summary>\n");
        inside.run();
        body.append("</details>\n");
        return this;
    }

    private Html box(String kind, String sentence) {
        body.append("<p class=\"")
                .append(kind)
                .append("\">")
                .append(escape(sentence))
                .append("</p>\n");
        return this;
    }

    private Html tag(String name, String text) {
        body.append('<').append(name).append('>').append(escape(text));
        body.append("</").append(name).append(">\n");
        return this;
    }

    /** A template in code: a line break shown as ⏎ so that the template reads on one line. */
    private static String codeText(String s) {
        return escape(s.replace("\n", "⏎"));
    }

    /** {@code s} as HTML text: the five special characters escaped. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** E.g. {@code 0.4321}; a dash for NaN. */
    public static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
