package dev.lethe.classifier;

import java.util.Objects;
import java.util.Set;

/**
 * One piece of personal data found. Never holds the value itself, only where it is, so findings can be
 * logged and stored freely.
 *
 * @param type what was found
 * @param path the JSON path of the string holding it (e.g. {@code $.customer.email}), or {@code null} for
 *     free text scanned on its own
 * @param start offset of the first character within the string (inclusive)
 * @param end offset after the last character (exclusive)
 * @param score confidence in 0..1
 * @param evidence what contributed to the score, never empty
 * @param special the GDPR Art. 9 category revealed by the field path, or {@code null}
 */
public record Finding(
        PiiType type, String path, int start, int end, double score, Set<Evidence> evidence, SpecialCategory special) {

    public Finding {
        Objects.requireNonNull(type, "type");
        evidence = Set.copyOf(evidence);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start <= end");
        }
        if (score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be within 0..1");
        }
    }

    /** The catalog's data category: the special category when the path reveals one, else the type's. */
    public String category() {
        return special != null ? special.category() : type.category();
    }

    /** Whether the path marks this as GDPR Art. 9 data. */
    public boolean isSpecialCategory() {
        return special != null;
    }

    public int length() {
        return end - start;
    }
}
