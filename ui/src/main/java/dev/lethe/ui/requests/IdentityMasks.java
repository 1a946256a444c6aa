package dev.lethe.ui.requests;

import java.util.Locale;

/**
 * How a request's page shows a subject's identity: enough to recognise it on a call with the subject
 * ({@code o***@e***.org}, {@code +4***07}), never the whole value. Pure and thread-safe.
 */
final class IdentityMasks {

    private static final String HIDDEN = "***";

    private IdentityMasks() {}

    /** The value masked as its type suggests: an e-mail address keeps its first letters and top-level domain. */
    static String mask(String type, String value) {
        if (value == null || value.isBlank()) {
            return HIDDEN;
        }
        String stripped = value.strip();
        int at = stripped.lastIndexOf('@');
        if (type.toLowerCase(Locale.ROOT).contains("email") && at > 0 && at < stripped.length() - 1) {
            return initial(stripped.substring(0, at)) + "@" + domain(stripped.substring(at + 1));
        }
        return text(stripped);
    }

    private static String domain(String domain) {
        int dot = domain.lastIndexOf('.');
        if (dot <= 0 || dot == domain.length() - 1) {
            return initial(domain);
        }
        return initial(domain.substring(0, dot)) + domain.substring(dot);
    }

    /** The first and the last two characters of a long value; of a short one only the first. */
    private static String text(String value) {
        if (value.length() <= 2) {
            return HIDDEN;
        }
        if (value.length() <= 6) {
            return initial(value);
        }
        return value.charAt(0) + HIDDEN + value.substring(value.length() - 2);
    }

    private static String initial(String value) {
        return value.codePoints()
                        .limit(1)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                + HIDDEN;
    }
}
