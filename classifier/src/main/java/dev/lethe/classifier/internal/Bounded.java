package dev.lethe.classifier.internal;

/**
 * Searches limited to a range. {@code String.indexOf} runs to the end of the text, which turns one search
 * per token into quadratic time on adversarial input; every search inside a token goes through here.
 */
final class Bounded {

    private Bounded() {}

    static int indexOf(String text, char c, int from, int to) {
        int end = Math.min(to, text.length());
        for (int i = Math.max(0, from); i < end; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(String text, char c, int from, int to) {
        for (int i = Math.min(to, text.length()) - 1; i >= Math.max(0, from); i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(String text, String s, int from, int to) {
        int last = Math.min(to, text.length()) - s.length();
        for (int i = Math.max(0, from); i <= last; i++) {
            if (text.startsWith(s, i)) {
                return i;
            }
        }
        return -1;
    }
}
