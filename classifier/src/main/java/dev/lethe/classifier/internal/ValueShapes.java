package dev.lethe.classifier.internal;

import dev.lethe.classifier.PiiType;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a whole field value has the shape of the type its field name names. Used for types that the
 * value alone cannot prove (names, addresses, birth dates, gender, age, passwords, keys, passports).
 */
final class ValueShapes {

    private static final Set<String> PLACEHOLDERS = WordLists.frozen(Set.of(
            "null", "none", "n/a", "na", "unknown", "test", "-", "tbd", "redacted", "***", "xxx", "true", "false"));

    private ValueShapes() {}

    /** The score of a whole-value finding for the hinted type, or 0 when the value does not fit. */
    static double score(PiiType hinted, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 512 || PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT))) {
            return 0;
        }
        return switch (hinted) {
            case PERSON_NAME -> personName(v);
            case POSTAL_ADDRESS -> address(v);
            case DATE_OF_BIRTH -> Dates.isDateValue(v) || Dates.isWrittenDate(v) ? 0.9 : 0;
            case GENDER -> PhraseDetector.GENDER_VALUES.contains(v.toLowerCase(Locale.ROOT)) ? 0.9 : 0;
            case AGE -> PhraseDetector.isAge(v) ? 0.85 : 0;
            case PASSWORD -> isMasked(v) ? 0 : 0.95;
            case API_KEY, PRIVATE_KEY, AWS_ACCESS_KEY -> v.length() >= 16 && v.indexOf(' ') < 0 ? 0.85 : 0;
            case PASSPORT -> passport(v);
            case GEO_COORDINATES -> coordinate(v);
            case PHONE_NUMBER -> phoneLike(v);
            default -> 0;
        };
    }

    private static double personName(String v) {
        if (v.length() > 80) {
            return 0;
        }
        int words = 1;
        int letters = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == ' ') {
                words++;
            } else if (c != '-' && c != '\'' && c != '.' && c != ',') {
                return 0;
            }
        }
        return letters >= 2 && words <= 5 ? 0.85 : 0;
    }

    private static double address(String v) {
        boolean digit = false;
        int letters = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            digit |= Character.isDigit(c);
            letters += Character.isLetter(c) ? 1 : 0;
        }
        return digit && letters >= 4 && v.indexOf(' ') > 0 && v.length() <= 200 ? 0.85 : 0;
    }

    private static double passport(String v) {
        String compact = v.replace(" ", "");
        if (compact.length() < 6 || compact.length() > 10) {
            return 0;
        }
        boolean digit = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                return 0;
            }
            digit |= Character.isDigit(c);
        }
        return digit ? 0.85 : 0;
    }

    private static double coordinate(String v) {
        try {
            double d = Double.parseDouble(v);
            int dot = v.indexOf('.');
            return Math.abs(d) <= 180 && dot > 0 && v.length() - dot - 1 >= 3 ? 0.85 : 0;
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static double phoneLike(String v) {
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (" +()-./".indexOf(c) < 0) {
                return 0;
            }
        }
        return digits >= 7 && digits <= 15 ? 0.7 : 0;
    }

    private static boolean isMasked(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) != '*' && v.charAt(i) != 'x' && v.charAt(i) != '•') {
                return false;
            }
        }
        return true;
    }
}
