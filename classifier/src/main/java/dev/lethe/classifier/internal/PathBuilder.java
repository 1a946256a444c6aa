package dev.lethe.classifier.internal;

import java.util.Arrays;

/**
 * A JSON path under construction ({@code $.customer.email}, {@code $.items[0].iban}); push and pop as a
 * stack. Only the segments are kept: the text is built when a finding asks for it, which is rare
 * compared to the number of fields walked.
 */
public final class PathBuilder {

    private String[] keys = new String[16];
    private int[] indexes = new int[16];
    private int depth;

    public void pushKey(String key) {
        grow();
        keys[depth] = key;
        depth++;
    }

    public void pushIndex(int index) {
        grow();
        keys[depth] = null;
        indexes[depth] = index;
        depth++;
    }

    public void pop() {
        depth--;
    }

    private void grow() {
        if (depth == keys.length) {
            keys = Arrays.copyOf(keys, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
        }
    }

    @Override
    public String toString() {
        StringBuilder path = new StringBuilder(64).append('$');
        for (int i = 0; i < depth; i++) {
            String key = keys[i];
            if (key == null) {
                path.append('[').append(indexes[i]).append(']');
            } else if (isIdentifier(key)) {
                path.append('.').append(key);
            } else {
                appendQuoted(path, key);
            }
        }
        return path.toString();
    }

    private static void appendQuoted(StringBuilder path, String key) {
        path.append("['");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\'' || c == '\\') {
                path.append('\\');
            }
            path.append(c);
        }
        path.append("']");
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty() || Character.isDigit(key.charAt(0))) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
