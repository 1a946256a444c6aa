package dev.lethe.ingest;

import java.util.Objects;

/**
 * A registered stream: records of {@code sourceTopic} are protected and published to {@code
 * targetTopic}; where each subject's data went is recorded for {@code system}/{@code dataset}.
 *
 * @param tenant the tenant the stream belongs to (its id as text, as the vault names tenants)
 */
public record StreamDefinition(
        String name,
        String tenant,
        String sourceTopic,
        String targetTopic,
        String system,
        String dataset,
        String subjectPath,
        ProtectionPolicy policy) {

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    public StreamDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(policy, "policy");
        if (sourceTopic.equals(targetTopic)) {
            throw new IllegalArgumentException("The target topic must differ from the source topic");
        }
        requireValidSubjectPath(subjectPath);
    }

    /** The most steps a subject path may have (the classifier's depth); StreamSpec caps its length at 500. */
    public static final int MAX_SUBJECT_PATH_STEPS = 64;

    /** @throws IllegalArgumentException saying what is wrong with a subject path such as {@code $.customer.id} */
    public static void requireValidSubjectPath(String subjectPath) {
        try {
            JsonPath path = JsonPath.parse(subjectPath);
            if (path.isRoot()) {
                throw new IllegalArgumentException("The subject path must name a field, not the whole record");
            }
            if (path.steps() > MAX_SUBJECT_PATH_STEPS) {
                throw new IllegalArgumentException("A subject path has at most " + MAX_SUBJECT_PATH_STEPS + " steps");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("An [index] step holds a number");
        }
    }

    /** Where records that can't be protected go, with the reason in their headers. */
    public String deadLetterTopic() {
        return sourceTopic + DEAD_LETTER_SUFFIX;
    }

    public String consumerGroup() {
        return "lethe-ingest-" + name;
    }
}
