package dev.lethe.vault;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data category as the vault sees it (names follow the classifier's, e.g. {@code contact.email}).
 *
 * @param name the category name; also the FF1 tweak and associated data, so renaming a category makes
 *     its earlier tokens unreadable
 * @param label the short lowercase alphanumeric label in token prefixes ({@code tok_email_...}); unique
 *     within a catalog
 * @param format the values' shape
 * @param keepLastDigits for {@link ValueFormat#CARD}: how many trailing digits stay in clear in
 *     format-preserving tokens and masks (0 or 4 in practice)
 */
public record Category(String name, String label, ValueFormat format, int keepLastDigits) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]{1,16}");

    public Category {
        Objects.requireNonNull(format, "format");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a category name is dotted lowercase words, e.g. contact.email");
        }
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a category label is 1-16 lowercase letters or digits");
        }
        if (keepLastDigits < 0 || keepLastDigits > 4) {
            throw new IllegalArgumentException("keepLastDigits is between 0 and 4");
        }
    }

    /** A category whose label is its last name segment without underscores. */
    public static Category of(String name, ValueFormat format) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        String label = last.replace("_", "").toLowerCase(Locale.ROOT);
        return new Category(name, label.length() > 16 ? label.substring(0, 16) : label, format, 0);
    }

    /** This category with {@code digits} trailing digits kept in clear. */
    public Category keepingLastDigits(int digits) {
        return new Category(name, label, format, digits);
    }
}
