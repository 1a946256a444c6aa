package dev.lethe.ingest.registry;

import dev.lethe.catalog.change.Revision;
import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.ingest.StreamDefinition;
import java.util.Map;
import java.util.UUID;

/** A stream as registered: what it protects, how many workers per process, and whether it runs. */
public record RegisteredStream(
        UUID id,
        UUID tenantId,
        String name,
        String sourceTopic,
        String targetTopic,
        String deadLetterTopic,
        String system,
        String dataset,
        String subjectPath,
        Map<String, String> policy,
        int concurrency,
        DesiredState state,
        Revision revision) {

    public RegisteredStream {
        policy = Map.copyOf(policy);
    }

    /** What a worker needs. */
    public StreamDefinition definition() {
        return new StreamDefinition(
                name,
                tenantId.toString(),
                sourceTopic,
                targetTopic,
                system,
                dataset,
                subjectPath,
                ProtectionPolicy.fromNames(policy));
    }
}
