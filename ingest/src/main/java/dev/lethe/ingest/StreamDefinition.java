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

    public StreamDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(policy, "policy");
        if (sourceTopic.equals(targetTopic)) {
            throw new IllegalArgumentException("The target topic must differ from the source topic");
        }
        JsonPath.parse(subjectPath);
    }

    /** Where records that can't be protected go, with the reason in their headers. */
    public String deadLetterTopic() {
        return sourceTopic + ".dlq";
    }

    public String consumerGroup() {
        return "lethe-ingest-" + name;
    }
}
