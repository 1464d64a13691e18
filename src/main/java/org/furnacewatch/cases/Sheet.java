package org.furnacewatch.cases;

import java.util.List;

/**
 * A document as a department sends it: a title, an issuer, a date, an addressee, a body, and a table. Rendered as CSV
 * (the table, with the header fields on every row) or as a printable Chinese HTML page.
 */
public record Sheet(String title, String number, String issuer, String date, String addressee, List<String> body,
                    List<String> columns, List<List<String>> rows) {

    public String csv() {
        StringBuilder out = new StringBuilder("\uFEFF"); // BOM: spreadsheet programs then read the Chinese as UTF-8
        out.append(line(List.of("文书", "文号", "发文单位", "日期"))).append(line(List.of(title, nz(number), issuer, date)));
        out.append("\r\n").append(line(columns));
        for (List<String> r : rows) out.append(line(r));
        return out.toString();
    }

    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
         .append("<style>body{font-family:\"SimSun\",\"Songti SC\",serif;max-width:60em;margin:2em auto;line-height:1.7}")
         .append("h1{text-align:center;font-size:1.6em;letter-spacing:.1em}.no{text-align:center}")
         .append("table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #000;padding:.3em .5em;font-size:.95em}")
         .append(".sign{text-align:right;margin-top:3em}@media print{body{margin:0}}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        if (number != null) h.append("<p class=\"no\">").append(esc(number)).append("</p>\n");
        if (addressee != null) h.append("<p>").append(esc(addressee)).append("：</p>\n");
        for (String p : body) h.append("<p>").append(esc(p)).append("</p>\n");
        if (!rows.isEmpty()) {
            h.append("<table><thead><tr>");
            for (String c : columns) h.append("<th>").append(esc(c)).append("</th>");
            h.append("</tr></thead><tbody>\n");
            for (List<String> r : rows) {
                h.append("<tr>");
                for (String c : r) h.append("<td>").append(esc(c)).append("</td>");
                h.append("</tr>\n");
            }
            h.append("</tbody></table>\n");
        } else if (!columns.isEmpty()) {
            h.append("<p>（无 none）</p>\n");
        }
        h.append("<p class=\"sign\">").append(esc(issuer)).append("<br>").append(esc(date)).append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        org.furnacewatch.codec.Csv.write(b, cells.stream().map(Sheet::nz).toList());
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
