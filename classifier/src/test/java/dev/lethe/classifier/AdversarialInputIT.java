package dev.lethe.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Inputs built to trigger backtracking or quadratic searches scan in time linear in their size. A
 * question of time, so not a unit test: the bound is loose (a linear scan of 200 KB takes a few
 * milliseconds, a quadratic one minutes), and it runs with the integration tests.
 */
class AdversarialInputIT {

    private final PiiClassifier classifier =
            PiiClassifier.builder().defaultRegion("FR").build();

    @Test
    void adversarialInputsScanInLinearTime() {
        int size = 200_000;
        for (String pattern : FuzzTest.ADVERSARIAL_PATTERNS) {
            String input = pattern.repeat(size / pattern.length());
            long start = System.nanoTime();
            classifier.scanText(input);
            try {
                classifier.scanJson(input);
            } catch (InvalidInputException expected) {
                // most of these are not JSON
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis)
                    .as("scan of %d x '%s'", size / pattern.length(), pattern)
                    .isLessThan(3_000);
        }
    }
}
