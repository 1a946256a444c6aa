package dev.lethe.classifier;

import java.util.Map;

/**
 * What a column (a field across many records) holds, judged from a sample of its values and its name.
 *
 * @param fieldName the column's name as given
 * @param type the type most of the sample validated as, or {@code null} when the column looks free of PII
 * @param score confidence in 0..1 that the column holds {@code type}
 * @param shares per type, the share of non-empty sampled values in which that type was found
 * @param sampled the number of non-empty values looked at
 * @param special the GDPR Art. 9 category the name reveals, or {@code null}
 */
public record ColumnClassification(
        String fieldName,
        PiiType type,
        double score,
        Map<PiiType, Double> shares,
        int sampled,
        SpecialCategory special) {

    public ColumnClassification {
        shares = Map.copyOf(shares);
    }

    /** Whether the column should be recorded in the catalog as holding personal data. */
    public boolean isPersonalData() {
        return type != null || special != null;
    }

    /** The catalog's data category, or {@code null} when the column holds no personal data. */
    public String category() {
        if (special != null) {
            return special.category();
        }
        return type == null ? null : type.category();
    }
}
