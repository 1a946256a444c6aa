package dev.lethe.app.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the audit chain is vouched for by a signed checkpoint.
 *
 * @param checkpointEvery sign a checkpoint every this many entries of a tenant's chain
 * @param checkpointInterval and at least this often for every tenant with new entries
 */
@ConfigurationProperties("lethe.audit")
public record AuditProperties(
        @DefaultValue("100") int checkpointEvery,
        @DefaultValue("PT5M") Duration checkpointInterval) {

    public AuditProperties {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("lethe.audit.checkpoint-every must be at least 1");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("lethe.audit.checkpoint-interval must be positive");
        }
    }
}
