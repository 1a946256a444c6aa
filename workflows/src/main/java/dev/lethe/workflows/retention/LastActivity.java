package dev.lethe.workflows.retention;

import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetKind;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.workflows.request.IdentityHashes;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An EVENT clock's "subject's last activity": which subjects were active at or after the cutoff in any of the
 * policy's datasets. Each dataset the policy targets — through its connection that can purge, with the activity
 * field and identity fields in the catalog, not a topic — is asked for the identity values on its records whose
 * activity field is at or after the cutoff; Lethe keeps only their keyed hashes ({@link IdentityHashes}, values
 * normalised: e-mail addresses in lower case), so two datasets' records are the same subject's when they share
 * an identity value of the same type. A dataset that cannot be read fails the attempt (retried like a purge):
 * nothing is purged on a partial view of the subjects' activity. Memory grows with the number of distinct
 * identities active in the period (one 64-character hash each). Call it as the tenant.
 */
final class LastActivity {

    /** One dataset whose records tell when their subjects were last active. */
    record Source(UUID connectionId, UUID datasetId, String activityField) {}

    private final RetentionParts parts;
    private final RunPlanning planning;

    LastActivity(RetentionParts parts, RunPlanning planning) {
        this.parts = parts;
        this.planning = planning;
    }

    /** The keyed hashes of the identities active at or after {@code cutoff} in any of the sources. */
    Set<String> activeSince(UUID tenantId, List<Source> sources, Instant cutoff, OperationContext context) {
        IdentityHashes hashes = parts.hashes();
        Set<String> active = new HashSet<>();
        for (Source source : sources) {
            Optional<Dataset> dataset = planning.dataset(tenantId, source.datasetId());
            if (dataset.isEmpty() || dataset.get().kind() == DatasetKind.TOPIC) {
                continue; // removed from the catalog since the plan, or a topic (never a source, see the docs)
            }
            Map<String, String> identityFields = TaskHolds.identityFields(dataset.get());
            if (identityFields.isEmpty()) {
                continue;
            }
            Purging.ActivityScan scan = new Purging.ActivityScan(
                    dataset.get().name(),
                    source.activityField(),
                    cutoff,
                    identityFields,
                    parts.settings().batchSize());
            parts.connected().withConnector(tenantId, source.connectionId(), connector -> {
                if (!(connector instanceof Purging purging)) {
                    throw ConnectorException.fatal("the connection's connector cannot purge", null);
                }
                purging.activeIdentities(context, scan, (type, value) -> active.add(hashes.of(tenantId, type, value)));
                return null;
            });
        }
        return active;
    }

    /** The sources of a policy's tasks: every one with a connection and the activity field. */
    static List<Source> sources(List<Source> candidates) {
        return candidates.stream()
                .filter(source ->
                        source.connectionId() != null && source.datasetId() != null && source.activityField() != null)
                .toList();
    }
}
