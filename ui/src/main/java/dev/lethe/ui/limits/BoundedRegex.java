package dev.lethe.ui.limits;

import java.util.regex.Pattern;

/**
 * A regular expression from configuration (an operator's pattern for an identity the portal accepts), matched
 * so that no input can make it backtrack without end: the pattern is length-capped and compiled once, and it
 * runs over a character sequence that counts the characters the matcher reads and gives up past a budget
 * (docs/security.md, "Limits"). An input it gives up on does not match. Immutable and thread-safe.
 */
public final class BoundedRegex {

    /** The longest pattern accepted. */
    public static final int MAX_PATTERN_LENGTH = 500;

    /** Characters the matcher may read per input: thousands of times what any sane pattern needs for 256 characters. */
    static final int MAX_STEPS = 200_000;

    private final Pattern pattern;

    private BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException for a pattern longer than {@link #MAX_PATTERN_LENGTH} or not a regex */
    public static BoundedRegex compile(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("a pattern may have at most " + MAX_PATTERN_LENGTH + " characters");
        }
        return new BoundedRegex(Pattern.compile(regex));
    }

    /** Whether the whole input matches; false too when matching it would take more than the budget. */
    public boolean matches(CharSequence input) {
        try {
            return pattern.matcher(new Budgeted(input, new int[] {MAX_STEPS})).matches();
        } catch (StepsExhausted e) {
            return false;
        }
    }

    private static final class StepsExhausted extends RuntimeException {
        StepsExhausted() {
            super("the pattern read too many characters", null, false, false);
        }
    }

    /** The input, counting every character read against a budget shared by its sub-sequences. */
    private record Budgeted(CharSequence input, int[] budget) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new StepsExhausted();
            }
            return input.charAt(index);
        }

        @Override
        public int length() {
            return input.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(input.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return input.toString();
        }
    }
}
