package org.parley.report.ui;

import java.util.List;

/**
 * One figure of the Reports page: its chart (SVG, or {@code null} for figures without one) and its numbers, which the
 * page shows as a table and downloads as CSV from the same rows.
 */
record ReportSection(String id, String title, String svg, List<String> header, List<List<String>> rows) {

    /** The rows as CSV (RFC 4180: comma, CRLF, quotes where needed). */
    String csv() {
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        rows.forEach(row -> line(csv, row));
        return csv.toString();
    }

    /** The rows as an HTML table with a caption, for screen readers and anyone who wants the exact numbers. */
    String table() {
        StringBuilder html = new StringBuilder("<table class=\"parley-report-table\"><caption>")
                .append(escape(title)).append("</caption><thead><tr>");
        header.forEach(h -> html.append("<th scope=\"col\">").append(escape(h)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String tag = i == 0 ? "th scope=\"row\"" : "td";
                html.append('<').append(tag).append('>').append(escape(row.get(i)))
                        .append("</").append(i == 0 ? "th" : "td").append('>');
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            csv.append(i == 0 ? "" : ",");
            csv.append(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        csv.append("\r\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
