package dev.lethe.ingest.registry;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.ingest.StreamDefinition;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stream as a client registers or changes it. {@code policy} maps data category codes (and
 * {@code "*"} for the rest) to token kinds; {@code concurrency} is the number of workers per
 * process (default 1). Category codes are checked against the tenant's taxonomy by {@link Streams}.
 */
public record StreamSpec(
        String name,
        String sourceTopic,
        String targetTopic,
        String system,
        String dataset,
        String subjectPath,
        Map<String, String> policy,
        Integer concurrency) {

    /** Stream names become consumer group names, transactional ids and metric tags. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public StreamSpec {
        name = Require.text(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "name must be 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        sourceTopic = topic(sourceTopic, "sourceTopic");
        targetTopic = topic(targetTopic, "targetTopic");
        if (sourceTopic.equals(targetTopic) || targetTopic.equals(sourceTopic + StreamDefinition.DEAD_LETTER_SUFFIX)) {
            throw new InvalidInputException("targetTopic must differ from sourceTopic and its dead-letter topic");
        }
        system = Require.text(system, "system");
        dataset = Require.text(dataset, "dataset");
        subjectPath = Require.text(subjectPath, "subjectPath");
        Require.present(policy, "policy");
        if (policy.entrySet().stream().anyMatch(entry -> entry.getKey() == null || entry.getValue() == null)) {
            throw new InvalidInputException("policy maps category codes (or \"*\") to token kinds, none null");
        }
        policy = Map.copyOf(policy);
        concurrency = concurrency == null ? 1 : concurrency;
        if (concurrency < 1 || concurrency > 64) {
            throw new InvalidInputException("concurrency must be between 1 and 64");
        }
        try {
            ProtectionPolicy.fromNames(policy);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("policy: " + e.getMessage());
        }
        try {
            StreamDefinition.requireValidSubjectPath(subjectPath);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("subjectPath: " + e.getMessage());
        }
    }

    private static String topic(String topic, String field) {
        String value = Require.text(topic, field);
        if (!TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new InvalidInputException(
                    field + " is not a valid Kafka topic name (letters, digits, '.', '_', '-')");
        }
        return value;
    }
}
