package dev.lethe.catalog.ropa;

import dev.lethe.catalog.ropa.RecordOfProcessing.Activity;
import dev.lethe.catalog.ropa.RecordOfProcessing.DatasetRetention;
import java.util.List;
import java.util.function.Function;

/** The record of processing as plain text, for a terminal or an e-mail: every activity, then retention by dataset. */
public final class RopaPlainText {

    private RopaPlainText() {}

    public static String render(RecordOfProcessing record) {
        StringBuilder text = new StringBuilder("Record of processing activities (GDPR Art. 30)\n")
                .append("Controller: ")
                .append(record.controller())
                .append("\nGenerated: ")
                .append(RopaText.time(record.generatedAt()))
                .append(" from the catalog\n");
        for (Activity activity : record.activities()) {
            text.append("\n").append(activity.name()).append("\n");
            line(text, "Description", activity.description());
            line(text, "Purpose", activity.purposeName() + " (" + activity.purpose() + ")");
            line(text, "Legal basis", activity.legalBasis().name());
            line(text, "Role", activity.role().name());
            line(text, "Data subjects", String.join(", ", activity.subjectCategories()));
            line(text, "Personal data", String.join(", ", activity.dataCategories()));
            line(text, "Special categories", String.join(", ", activity.specialCategories()));
            line(text, "Recipients", String.join(", ", activity.recipients()));
            line(text, "Transfers", join(activity.transfers(), RopaText::transfer));
            line(text, "Retention", join(activity.retention(), RopaText::retention));
            line(text, "Systems", String.join(", ", activity.systems()));
        }
        text.append("\nRetention by dataset\n");
        for (DatasetRetention row : record.retentionByDataset()) {
            line(text, row.system() + "/" + row.dataset(), RopaText.datasetRetention(row));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append("  ")
                .append(label)
                .append(": ")
                .append(value == null || value.isEmpty() ? "-" : value)
                .append("\n");
    }

    private static <T> String join(List<T> items, Function<T, String> text) {
        return String.join("; ", items.stream().map(text).toList());
    }
}
