package dev.lethe.ui.connectors;

import dev.lethe.catalog.change.Revision;
import dev.lethe.vault.kms.Sealing;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A connection's row: the settings that are not secret, the sealed secret ones, who submitted its
 * settings, and when they were approved (null while they wait).
 */
record StoredConnection(
        UUID id,
        UUID tenantId,
        String name,
        String type,
        UUID systemId,
        String system,
        Map<String, String> config,
        java.util.Set<String> secretNames,
        Sealing.SealedBox secrets,
        String submittedBy,
        OffsetDateTime approvedAt,
        Revision revision) {

    boolean approved() {
        return approvedAt != null;
    }

    @Override
    public String toString() {
        return "StoredConnection[" + id + ", " + name + ", " + type + "]";
    }
}
