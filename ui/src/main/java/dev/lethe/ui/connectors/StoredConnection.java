package dev.lethe.ui.connectors;

import dev.lethe.catalog.change.Revision;
import dev.lethe.vault.kms.Sealing;
import java.util.Map;
import java.util.UUID;

/** A connection's row: the settings that are not secret, and the sealed secret ones. */
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
        Revision revision) {

    @Override
    public String toString() {
        return "StoredConnection[" + id + ", " + name + ", " + type + "]";
    }
}
