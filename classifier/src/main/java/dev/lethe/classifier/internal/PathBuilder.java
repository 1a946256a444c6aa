package dev.lethe.classifier.internal;

/** A JSON path under construction ({@code $.customer.email}, {@code $.items[0].iban}); push and pop as a stack. */
public final class PathBuilder {

    private final StringBuilder path = new StringBuilder(64).append('$');
    private int[] marks = new int[16];
    private int depth;

    public void pushKey(String key) {
        mark();
        if (isIdentifier(key)) {
            path.append('.').append(key);
        } else {
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
    }

    public void pushIndex(int index) {
        mark();
        path.append('[').append(index).append(']');
    }

    public void pop() {
        path.setLength(marks[--depth]);
    }

    private void mark() {
        if (depth == marks.length) {
            marks = java.util.Arrays.copyOf(marks, depth * 2);
        }
        marks[depth++] = path.length();
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty() || Character.isDigit(key.charAt(0))) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!ascii && c != '_' && c != '-' && !Character.isLetterOrDigit(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
