package dev.lethe.classifier.internal;

/**
 * The words of a text as offsets: maximal runs of characters that are neither white space nor
 * delimiters, without trailing sentence punctuation. Built once per scan and shared by the detectors.
 */
final class Tokens {

    final String text;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private String[] lowers;
    private int count;
    private boolean digit;
    private boolean upper;

    private Tokens(String text) {
        this.text = text;
    }

    static Tokens of(String text) {
        Tokens tokens = new Tokens(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBreak(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n) {
                char c = text.charAt(i);
                if (isBreak(c)) {
                    break;
                }
                tokens.digit |= c >= '0' && c <= '9';
                tokens.upper |= Character.isUpperCase(c);
                i++;
            }
            int end = i;
            while (end > start && isTrailing(text.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                tokens.add(start, end);
            }
        }
        return tokens;
    }

    private static final boolean[] ASCII_BREAKS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_BREAKS[c] = breaks(c);
        }
    }

    static boolean isBreak(char c) {
        return c < 128 ? ASCII_BREAKS[c] : breaks(c);
    }

    private static boolean breaks(char c) {
        return switch (c) {
            case ' ',
                    '\t',
                    '\n',
                    '\r',
                    '\f',
                    '\u00a0',
                    '"',
                    '\'',
                    '(',
                    ')',
                    '[',
                    ']',
                    '{',
                    '}',
                    '<',
                    '>',
                    ',',
                    ';',
                    '|',
                    '`',
                    '\u201c',
                    '\u201d',
                    '\u2018',
                    '\u2019',
                    '\u00ab',
                    '\u00bb' -> true;
            default -> false;
        };
    }

    private static boolean isTrailing(char c) {
        return c == '.' || c == ':' || c == '!' || c == '?' || c == '=';
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /** Whether any token holds an ASCII digit. */
    boolean hasDigit() {
        return digit;
    }

    /** Whether any token holds an upper-case letter. */
    boolean hasUpper() {
        return upper;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int length(int i) {
        return ends[i] - starts[i];
    }

    char first(int i) {
        return text.charAt(starts[i]);
    }

    String word(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /**
     * The token lower-cased, or null when it is longer than {@code max} (saves allocating for long ones).
     * Computed once per token: several detectors ask for the same words.
     */
    String lower(int i, int max) {
        if (length(i) > max) {
            return null;
        }
        if (lowers == null) {
            lowers = new String[count];
        }
        String lower = lowers[i];
        if (lower == null) {
            lower = word(i).toLowerCase(java.util.Locale.ROOT);
            lowers[i] = lower;
        }
        return lower;
    }

    /** Whether token {@code i} begins a sentence: the first token, or one after a full stop, !, ?, : or a line break. */
    boolean startsSentence(int i) {
        if (i == 0) {
            return true;
        }
        for (int k = ends[i - 1]; k < starts[i]; k++) {
            char c = text.charAt(k);
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Whether the token is a capitalised word: an upper-case letter followed by lower-case letters. */
    boolean isCapitalized(int i) {
        int s = starts[i];
        int e = ends[i];
        if (e - s < 2 || !Character.isUpperCase(text.charAt(s))) {
            return false;
        }
        for (int k = s + 1; k < e; k++) {
            char c = text.charAt(k);
            char before = text.charAt(k - 1);
            // "Saint-Michel", "O'Neill": a capital may follow a hyphen or apostrophe
            boolean capitalAfterJoin = Character.isUpperCase(c) && (before == '-' || before == '\'');
            if (!Character.isLowerCase(c) && c != '-' && c != '\'' && !capitalAfterJoin) {
                return false;
            }
        }
        return true;
    }

    /** Whether only a single space (or nothing but spaces, at most {@code gap}) separates token i and i+1. */
    boolean adjacent(int i, int gap) {
        return i + 1 < count && starts[i + 1] - ends[i] <= gap && starts[i + 1] > ends[i];
    }
}
