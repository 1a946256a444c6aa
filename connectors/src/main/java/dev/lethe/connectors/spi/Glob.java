package dev.lethe.connectors.spi;

/**
 * Names with {@code *} wildcards (any run of characters, none included), as people write index and
 * topic patterns. Matched without regular expressions, by one pass with a single backtrack point:
 * at most {@code glob.length() × text.length()} steps, whatever the pattern — a caller's {@code a*a*a*…b}
 * cannot make it backtrack catastrophically, as the regex {@code a.*a.*a.*…b} would. Thread-safe.
 */
public final class Glob {

    private Glob() {}

    /** Whether {@code text} matches {@code glob} in full; {@code *} is the only special character. */
    public static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                // Let the star match nothing first; remember where to give it one more character.
                star = g++;
                resume = t;
            } else if (star >= 0) {
                g = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
