package dev.lethe.catalog.ropa;

import dev.lethe.catalog.ropa.RecordOfProcessing.Activity;
import dev.lethe.catalog.ropa.RecordOfProcessing.DatasetRetention;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/** The record of processing as a self-contained printable HTML page (no scripts, inline print styles). */
public final class RopaHtml {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#111}"
            + "h2{margin-top:2em;border-bottom:1px solid #999;page-break-after:avoid}"
            + "table{border-collapse:collapse;width:100%;page-break-inside:avoid}"
            + "th{text-align:left;width:14em;vertical-align:top;padding:.3em;background:#f2f2f2}"
            + "td{padding:.3em;vertical-align:top}th,td{border:1px solid #ccc}"
            + "@media print{body{margin:0}}";

    private RopaHtml() {}

    public static String render(RecordOfProcessing record) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Record of processing activities</title><style>")
                .append(STYLE)
                .append(
                        "</style></head><body>\n<h1>Record of processing activities (GDPR Art. 30)</h1>\n<p>Controller: ")
                .append(escape(record.controller()))
                .append(". Generated ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        record.generatedAt().atOffset(ZoneOffset.UTC).withNano(0)))
                .append(" UTC from the catalog.</p>\n");
        if (record.activities().isEmpty()) {
            html.append("<p>No processing activities are recorded.</p>\n");
        }
        for (Activity activity : record.activities()) {
            html.append("<h2>").append(escape(activity.name())).append("</h2>\n<table>\n");
            row(html, "Description", activity.description());
            row(html, "Purpose", activity.purposeName() + " (" + activity.purpose() + ")");
            row(html, "Legal basis (Art. 6)", activity.legalBasis().name());
            row(html, "Role", activity.role().name());
            row(html, "Categories of data subjects", String.join(", ", activity.subjectCategories()));
            row(html, "Categories of personal data", String.join(", ", activity.dataCategories()));
            row(html, "Special categories (Art. 9)", String.join(", ", activity.specialCategories()));
            row(html, "Recipients", String.join(", ", activity.recipients()));
            list(html, "Transfers and safeguards", activity.transfers(), RopaText::transfer);
            list(html, "Retention", activity.retention(), RopaText::retention);
            row(html, "Systems", String.join(", ", activity.systems()));
            html.append("</table>\n");
        }
        retentionByDataset(html, record.retentionByDataset());
        return html.append("</body></html>\n").toString();
    }

    /** One table: each dataset, the policy that governs it, and when that was last enforced. */
    private static void retentionByDataset(StringBuilder html, List<DatasetRetention> rows) {
        html.append("<h2>Retention by dataset</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>No datasets are recorded.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>System</th><th>Dataset</th><th>Retention</th><th>Last enforced</th></tr>\n");
        for (DatasetRetention row : rows) {
            html.append("<tr><td>")
                    .append(escape(row.system()))
                    .append("</td><td>")
                    .append(escape(row.dataset()))
                    .append("</td><td>")
                    .append(escape(
                            row.policy() == null
                                    ? "no retention policy"
                                    : row.policy() + ": " + row.action() + " after " + row.period() + " (" + row.scope()
                                            + (row.enabled() ? "" : ", disabled") + ")"))
                    .append("</td><td>")
                    .append(row.policy() == null ? "—" : escape(RopaText.lastEnforced(row.lastEnforced())))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>")
                .append(escape(label))
                .append("</th><td>")
                .append(value == null || value.isEmpty() ? "—" : escape(value))
                .append("</td></tr>\n");
    }

    private static <T> void list(StringBuilder html, String label, List<T> items, Function<T, String> text) {
        row(html, label, String.join("; ", items.stream().map(text).toList()));
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
