package dev.lethe.app.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the audit chain is vouched for: signed checkpoints, their signing key, and where they are
 * anchored outside PostgreSQL.
 *
 * @param checkpointEvery sign a checkpoint every this many entries of a tenant's chain
 * @param checkpointInterval and at least this often for every tenant with new entries
 * @param signingKey the checkpoint signing key
 * @param anchors the Kafka topic that anchors every signed checkpoint
 */
@ConfigurationProperties("lethe.audit")
public record AuditProperties(
        @DefaultValue("100") int checkpointEvery,
        @DefaultValue("PT5M") Duration checkpointInterval,
        @DefaultValue SigningKey signingKey,
        @DefaultValue Anchors anchors) {

    /**
     * @param replace make a new signing key at this start (for one start only, e.g. when the KMS can
     *     no longer unwrap the old one); the replacement is recorded in the audit chain
     */
    public record SigningKey(@DefaultValue("false") boolean replace) {}

    /**
     * @param topic the append-only topic of checkpoint anchors (unlimited retention, created if missing);
     *     one per installation
     * @param file optionally, a file that every anchor is appended to as well (JSON lines); null for none
     */
    public record Anchors(
            @DefaultValue(KafkaCheckpointAnchors.DEFAULT_TOPIC)
            String topic,

            Path file) {

        public Anchors {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("lethe.audit.anchors.topic must name a Kafka topic");
            }
        }
    }

    public AuditProperties {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("lethe.audit.checkpoint-every must be at least 1");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("lethe.audit.checkpoint-interval must be positive");
        }
    }
}
