package dev.lethe.workflows.retention;

import dev.lethe.catalog.audit.AuditEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Lethe's own data at each run: the identities of requests closed longer than {@code ownRequestIdentities}
 * are erased (their outcome and receipt stay), and expired export packages are deleted. Both counts are
 * audited ({@code retention.own_data.purged}). Repeating it finds only what is left.
 */
final class OwnData {

    private static final int BATCH = 1000;

    private final RetentionParts parts;

    OwnData(RetentionParts parts) {
        this.parts = parts;
    }

    void purge(RunRef run) {
        UUID tenantId = run.tenantId();
        Instant closedBefore = parts.clock()
                .instant()
                .atOffset(ZoneOffset.UTC)
                .minus(parts.settings().ownRequestIdentities())
                .toInstant();
        long identities = 0;
        int erased;
        do {
            erased = parts.requests().eraseClosedIdentities(tenantId, closedBefore, BATCH);
            identities += erased;
        } while (erased == BATCH);
        long packages = 0;
        int deleted;
        do {
            deleted = parts.packages().deleteExpired(tenantId);
            packages += deleted;
        } while (deleted == BATCH);
        parts.trail()
                .append(new AuditEvent(
                        tenantId,
                        RetentionRuns.RETENTION,
                        "retention.own_data.purged",
                        "retention-run:" + run.runId(),
                        Map.of(
                                "requestIdentities", Long.toString(identities),
                                "closedBefore", closedBefore.toString(),
                                "exportPackages", Long.toString(packages))));
    }
}
