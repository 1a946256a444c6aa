package dev.lethe.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One shared classifier gives every thread the same answers as a single thread does. */
class ConcurrencyTest {

    private static final List<String> INPUTS = List.of(
            "{\"customer\":{\"email\":\"anna@example.org\",\"iban\":\"DE89370400440532013000\"},\"n\":1}",
            "{\"notes\":[\"Call Hans Müller on +49 30 1234567\",\"SSN 123-45-6789\"],\"diagnosis\":\"flu\"}",
            "\"Mr. John Smith, 221B Baker Street, London NW1 6XE, card 4111 1111 1111 1111\"");

    @Test
    void sharedClassifierIsThreadSafe() throws Exception {
        PiiClassifier classifier = PiiClassifier.builder().defaultRegion("DE").build();
        List<List<Finding>> expected = new ArrayList<>();
        for (String input : INPUTS) {
            expected.add(classifier.scanJson(input));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 300; round++) {
                        int i = round % INPUTS.size();
                        if (!classifier.scanJson(INPUTS.get(i)).equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
