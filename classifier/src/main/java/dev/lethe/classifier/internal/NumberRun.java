package dev.lethe.classifier.internal;

/**
 * A run of digit groups joined by single separators ("4111 1111 1111 1111", "+49 (30) 1234-567",
 * "85.03.12-123.45"), the unit on which numeric detectors work.
 */
final class NumberRun {

    static final int MAX_GROUPS = 16;
    static final int MAX_CHARS = 48;

    final String text;
    /** Start of the run, including a leading '+' or '('. */
    int start;

    final int[] groupStart = new int[MAX_GROUPS];
    final int[] groupEnd = new int[MAX_GROUPS];
    int groups;
    boolean plus;
    /** A letter or digit touches the run's end ("12kg", "3rd"): not a standalone number. */
    boolean glued;

    NumberRun(String text) {
        this.text = text;
    }

    int end() {
        return groupEnd[groups - 1];
    }

    /** The separator text between group g and g+1. */
    String separator(int g) {
        return text.substring(groupEnd[g], groupStart[g + 1]);
    }

    boolean allSeparators(char sep) {
        for (int g = 0; g + 1 < groups; g++) {
            if (groupStart[g + 1] - groupEnd[g] != 1 || text.charAt(groupEnd[g]) != sep) {
                return false;
            }
        }
        return true;
    }

    int groupLength(int g) {
        return groupEnd[g] - groupStart[g];
    }

    int digits(int from, int to) {
        int n = 0;
        for (int g = from; g <= to; g++) {
            n += groupLength(g);
        }
        return n;
    }

    String digitString(int from, int to) {
        StringBuilder sb = new StringBuilder(24);
        for (int g = from; g <= to; g++) {
            sb.append(text, groupStart[g], groupEnd[g]);
        }
        return sb.toString();
    }

    /** The grouping as lengths and separators, e.g. "3-2-4" or "4 4 4 4", for format-specific scoring. */
    String shape(int from, int to) {
        StringBuilder sb = new StringBuilder(16);
        for (int g = from; g <= to; g++) {
            sb.append(groupLength(g));
            if (g < to) {
                sb.append(separator(g));
            }
        }
        return sb.toString();
    }

    /**
     * Reads the run starting at the digit at {@code at}; returns the index to continue scanning from.
     * Groups beyond {@link #MAX_GROUPS} end the run.
     */
    int read(int at) {
        groups = 0;
        glued = false;
        int n = text.length();
        start = at;
        plus = at > 0 && text.charAt(at - 1) == '+';
        if (plus || (at > 0 && text.charAt(at - 1) == '(')) {
            start = at - 1;
        }
        int i = at;
        while (true) {
            int gs = i;
            while (i < n && isDigit(text.charAt(i)) && i - start < MAX_CHARS) {
                i++;
            }
            groupStart[groups] = gs;
            groupEnd[groups] = i;
            groups++;
            int next = separatorEnd(i);
            if (next < 0 || groups == MAX_GROUPS || next - start >= MAX_CHARS) {
                break;
            }
            i = next;
        }
        int end = end();
        glued = end < n && Character.isLetterOrDigit(text.charAt(end));
        return Math.max(end, at + 1);
    }

    /** Where the next group starts if a valid separator follows at i, else -1. */
    private int separatorEnd(int i) {
        int n = text.length();
        int j = i;
        while (j < n && j - i < 2 && isSeparator(text.charAt(j))) {
            j++;
        }
        if (j == i || j >= n || !isDigit(text.charAt(j))) {
            return -1;
        }
        String sep = text.substring(i, j);
        boolean ok = (sep.length() == 1 && " -./".indexOf(sep.charAt(0)) >= 0)
                || sep.equals(") ")
                || sep.equals(" (")
                || sep.equals(" -")
                || sep.equals("- ")
                || sep.equals(")-");
        return ok ? j : -1;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
