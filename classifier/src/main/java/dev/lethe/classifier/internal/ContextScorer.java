package dev.lethe.classifier.internal;

import dev.lethe.classifier.Evidence;
import java.util.List;
import java.util.Locale;

/** Raises or lowers candidate scores by the words around them. */
final class ContextScorer {

    static final int BEFORE = 48;
    static final int AFTER = 24;
    static final double RAISE = 0.35;
    static final double LOWER = 0.4;

    private ContextScorer() {}

    static void apply(String text, List<Candidate> candidates) {
        for (Candidate c : candidates) {
            long mask = maskAround(text, c.start, c.end);
            if (ContextWords.suggests(mask, c.type)) {
                // context lifts weak shapes (passport, bare dates) to a reportable score, strong ones a bit more
                c.raise(Math.max(RAISE, 0.7 - c.score), Evidence.CONTEXT);
            } else if ((mask & ContextWords.NEGATIVE) != 0) {
                // checksummed values survive a nearby "order" much better than bare patterns do
                c.lower(c.has(Evidence.VALIDATOR) && c.score >= 0.9 ? 0.1 : LOWER, Evidence.NEGATIVE_CONTEXT);
            }
        }
    }

    /** The union of the masks of the words in the window around [start, end). */
    static long maskAround(String text, int start, int end) {
        long mask = 0;
        int from = Sentences.startBefore(text, start, Math.max(0, start - BEFORE));
        int to = Sentences.endAfter(text, end, Math.min(text.length(), end + AFTER));
        mask |= wordsIn(text, from, start, true);
        mask |= wordsIn(text, end, to, false);
        return mask;
    }

    /** A phone region suggested by a word just before {@code start}, or null. */
    static String phoneRegionBefore(String text, int start) {
        int from = Math.max(0, start - BEFORE);
        int i = from;
        while (i < start) {
            while (i < start && !isWordChar(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < start && isWordChar(text.charAt(i))) {
                i++;
            }
            if (i > s && !(s == from && from > 0 && isWordChar(text.charAt(from - 1)))) {
                String region = ContextWords.phoneRegion(text.substring(s, i).toLowerCase(Locale.ROOT));
                if (region != null) {
                    return region;
                }
            }
        }
        return null;
    }

    private static long wordsIn(String text, int from, int to, boolean before) {
        long mask = 0;
        int i = from;
        while (i < to) {
            while (i < to && !isWordChar(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < to && isWordChar(text.charAt(i))) {
                i++;
            }
            boolean cut = (before && s == from && s > 0 && isWordChar(text.charAt(s - 1)))
                    || (i == to && to < text.length() && isWordChar(text.charAt(to)));
            if (i > s && i - s <= 32 && !cut) {
                mask |= ContextWords.mask(text.substring(s, i).toLowerCase(Locale.ROOT));
            }
        }
        return mask;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetter(c) || c == '-';
    }
}
