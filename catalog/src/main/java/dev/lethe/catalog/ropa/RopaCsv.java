package dev.lethe.catalog.ropa;

import dev.lethe.catalog.ropa.RecordOfProcessing.Activity;
import dev.lethe.catalog.ropa.RecordOfProcessing.DatasetRetention;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The record of processing as CSV (RFC 4180): one row per activity, list values joined by
 * {@code "; "}; the retention by dataset as a table of its own ({@link #renderRetention}). Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
public final class RopaCsv {

    private static final List<String> HEADER = List.of(
            "activity",
            "description",
            "purpose",
            "legal_basis",
            "role",
            "subject_categories",
            "data_categories",
            "special_categories",
            "recipients",
            "transfers",
            "retention",
            "systems");

    private RopaCsv() {}

    public static String render(RecordOfProcessing record) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (Activity activity : record.activities()) {
            line(
                    csv,
                    List.of(
                            activity.name(),
                            activity.description(),
                            activity.purposeName() + " (" + activity.purpose() + ")",
                            activity.legalBasis().name(),
                            activity.role().name(),
                            join(activity.subjectCategories()),
                            join(activity.dataCategories()),
                            join(activity.specialCategories()),
                            join(activity.recipients()),
                            activity.transfers().stream()
                                    .map(RopaText::transfer)
                                    .collect(Collectors.joining("; ")),
                            activity.retention().stream()
                                    .map(RopaText::retention)
                                    .collect(Collectors.joining("; ")),
                            join(activity.systems())));
        }
        return csv.toString();
    }

    private static final List<String> RETENTION_HEADER =
            List.of("system", "dataset", "retention_policy", "scope", "period", "action", "enabled", "last_enforced");

    /** The retention by dataset as CSV: one row per dataset and policy that governs it. */
    public static String renderRetention(RecordOfProcessing record) {
        StringBuilder csv = new StringBuilder();
        line(csv, RETENTION_HEADER);
        for (DatasetRetention row : record.retentionByDataset()) {
            line(
                    csv,
                    List.of(
                            row.system(),
                            row.dataset(),
                            text(row.policy()),
                            text(row.scope()),
                            text(row.period()),
                            text(row.action()),
                            row.policy() == null ? "" : Boolean.toString(row.enabled()),
                            row.lastEnforced() == null ? "" : row.lastEnforced().toString()));
        }
        return csv.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String join(List<String> values) {
        return String.join("; ", values);
    }

    private static void line(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(RopaCsv::cell).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    private static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
