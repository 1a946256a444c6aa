package dev.lethe.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Inputs built to trigger backtracking or quadratic searches scan in time linear in their size. A
 * question of time, so not a unit test, and judged by a ratio measured in the same run rather than a
 * bound in seconds (which a loaded machine breaks): four times the input may take at most ten times
 * as long (linear gives about four, quadratic sixteen), unless even the larger scan is quick.
 */
class AdversarialInputIT {

    private static final int SMALL = 50_000;
    private static final int LARGE = 4 * SMALL;
    private static final long QUICK_MILLIS = 300;

    private final PiiClassifier classifier =
            PiiClassifier.builder().defaultRegion("FR").build();

    @Test
    void adversarialInputsScanInLinearTime() {
        for (String pattern : FuzzTest.ADVERSARIAL_PATTERNS) {
            long small = fastestOfThree(pattern.repeat(SMALL / pattern.length()));
            long large = fastestOfThree(pattern.repeat(LARGE / pattern.length()));

            if (large > QUICK_MILLIS * 1_000_000) {
                assertThat((double) large / Math.max(small, 1))
                        .as(
                                "scan of '%s': %d ms for %d chars, %d ms for %d",
                                pattern, small / 1_000_000, SMALL, large / 1_000_000, LARGE)
                        .isLessThan(10.0);
            }
        }
    }

    /** The fastest of three scans, in nanoseconds: the least disturbed by whatever else runs. */
    private long fastestOfThree(String input) {
        long fastest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            classifier.scanText(input);
            try {
                classifier.scanJson(input);
            } catch (InvalidInputException expected) {
                // most of these are not JSON
            }
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest;
    }
}
