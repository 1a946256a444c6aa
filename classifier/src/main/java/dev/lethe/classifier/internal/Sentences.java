package dev.lethe.classifier.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Sentence boundaries limit context windows: "Order shipped. My SSN is ..." must not let "order" lower
 * the SSN. A boundary is '.', '!' or '?' followed by white space (not after an abbreviation such as
 * "Nr." or "Mr."), or a line break.
 */
final class Sentences {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "nr", "no", "n", "tel", "mr", "mrs", "ms", "dr", "st", "str", "sr", "sra", "sig", "dhr", "mevr", "mme", "m",
            "prof", "vs", "ca", "bzw", "inkl", "ref", "art", "av", "avda", "bd", "dott", "e.g", "i.e", "z.b");

    private Sentences() {}

    /** The start of the window before {@code at}: {@code limit}, or later if a sentence ends in between. */
    static int startBefore(String text, int at, int limit) {
        for (int i = at - 1; i > limit; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (isSpace(c) && isBoundary(text, i - 1)) {
                return i + 1;
            }
        }
        return limit;
    }

    /** The end of the window after {@code at}: {@code limit}, or earlier if a sentence ends in between. */
    static int endAfter(String text, int at, int limit) {
        for (int i = at; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i;
            }
            if (i + 1 < text.length() && isSpace(text.charAt(i + 1)) && isBoundary(text, i)) {
                return i;
            }
        }
        return limit;
    }

    private static boolean isBoundary(String text, int i) {
        if (i < 0) {
            return false;
        }
        char c = text.charAt(i);
        if (c == '!' || c == '?') {
            return true;
        }
        if (c != '.') {
            return false;
        }
        int s = i;
        while (s > 0 && (Character.isLetter(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) {
            s--;
        }
        String word = text.substring(s, i).toLowerCase(Locale.ROOT);
        return !ABBREVIATIONS.contains(word);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\u00a0';
    }
}
