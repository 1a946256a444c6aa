package dev.lethe.catalog.change;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Checks for drafts' compact constructors; each failure is an {@link InvalidInputException}. */
public final class Require {

    private Require() {}

    public static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name + " is required");
        }
        if (value.length() > 500) {
            throw new InvalidInputException(name + " is longer than 500 characters");
        }
        if (hasHiddenCharacters(value)) {
            throw new InvalidInputException(name + " contains control or text-direction characters");
        }
        return value.strip();
    }

    /**
     * Control characters (a NUL, which PostgreSQL refuses in text, escape sequences for terminals and
     * logs) but tab and line breaks, and the bidirectional overrides and isolates that make a name
     * read differently than it is stored ({@code U+202E}).
     */
    public static boolean hasHiddenCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                return true;
            }
        }
        return false;
    }

    public static String optional(String value, String name) {
        return value == null || value.isBlank() ? "" : text(value, name);
    }

    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new InvalidInputException(name + " is required");
        }
        return value;
    }

    public static List<String> texts(List<String> values, String name) {
        return values == null
                ? List.of()
                : values.stream().map(value -> text(value, name)).distinct().toList();
    }

    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, text(value, name).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    name + " must be one of " + List.of(type.getEnumConstants()) + ", not '" + value + "'");
        }
    }

    /** An ISO-8601 period ({@code P30D}, {@code P7Y}) or duration ({@code PT12H}), positive. */
    public static String isoPeriod(String value, String name) {
        String text = text(value, name).toUpperCase(java.util.Locale.ROOT);
        try {
            if (text.contains("T")) {
                if (!Duration.parse(text).isPositive()) {
                    throw new InvalidInputException(name + " must be positive");
                }
            } else {
                Period period = Period.parse(text);
                if (period.isNegative() || period.isZero()) {
                    throw new InvalidInputException(name + " must be positive");
                }
            }
            return text;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    name + " must be an ISO-8601 period such as P30D or P7Y, not '" + value + "'");
        }
    }
}
