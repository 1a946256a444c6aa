package dev.lethe.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.change.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSpecTest {

    private static final Map<String, String> POLICY = Map.of("contact.email", "DETERMINISTIC", "*", "REDACT");

    @Test
    void aGoodSpecKeepsItsValuesAndDefaultsToOneWorker() {
        var spec =
                new StreamSpec("orders", "orders.raw", "orders.clean", "shop", "orders", "$.customer.id", POLICY, null);

        assertThat(spec.concurrency()).isEqualTo(1);
        assertThat(spec.policy()).isEqualTo(POLICY);
    }

    @Test
    void eachMistakeIsNamed() {
        assertRefused(spec("Orders!", "a", "b", "$.id", POLICY, 1), "name must be");
        assertRefused(spec("orders", "a", "a", "$.id", POLICY, 1), "targetTopic must differ");
        assertRefused(spec("orders", "a", "a.dlq", "$.id", POLICY, 1), "dead-letter");
        assertRefused(spec("orders", "a b", "c", "$.id", POLICY, 1), "sourceTopic is not a valid Kafka topic");
        assertRefused(spec("orders", "a", "b", "customer.id", POLICY, 1), "subjectPath: A JSON path starts with $");
        assertRefused(spec("orders", "a", "b", "$", POLICY, 1), "subjectPath: The subject path must name a field");
        assertRefused(spec("orders", "a", "b", "$.items[x]", POLICY, 1), "subjectPath: An [index] step");
        assertRefused(
                spec("orders", "a", "b", "$." + "x".repeat(500), POLICY, 1),
                "subjectPath is longer than 500 characters");
        assertRefused(
                spec("orders", "a", "b", "$" + ".a".repeat(65), POLICY, 1),
                "subjectPath: A subject path has at most 64 steps");
        assertRefused(
                spec("orders", "a", "b", "$.id", Map.of("contact.email", "SCRAMBLE"), 1),
                "policy: Unknown token kind 'SCRAMBLE'");
        var withNull = new HashMap<String, String>();
        withNull.put("contact.email", null);
        assertRefused(spec("orders", "a", "b", "$.id", withNull, 1), "none null");
        assertRefused(spec("orders", "a", "b", "$.id", null, 1), "policy is required");
        assertRefused(spec("orders", "a", "b", "$.id", POLICY, 65), "concurrency must be between 1 and 64");
    }

    private static Runnable spec(
            String name,
            String source,
            String target,
            String subjectPath,
            Map<String, String> policy,
            Integer workers) {
        return () -> new StreamSpec(name, source, target, "shop", "orders", subjectPath, policy, workers);
    }

    private static void assertRefused(Runnable spec, String message) {
        assertThatThrownBy(spec::run).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }
}
