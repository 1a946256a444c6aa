package dev.lethe.ui.audit;

import dev.lethe.catalog.audit.AuditEntry;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An audit entry as the log shows it. The trail holds no personal data (actors by id, targets by id,
 * details chosen by each writer to be free of it), and the page shows nothing else.
 */
record AuditRow(
        long seq,
        Instant recordedAt,
        String actorKind,
        String actorId,
        String action,
        String target,
        Map<String, String> details,
        String hash) {

    static AuditRow of(AuditEntry entry) {
        return new AuditRow(
                entry.seq(),
                entry.recordedAt(),
                entry.actor().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                entry.actor().id(),
                entry.action(),
                entry.target(),
                entry.details() == null ? Map.of() : new TreeMap<>(entry.details()),
                entry.hash());
    }

    /** The first characters of the hash: enough to compare by eye. */
    public String shortHash() {
        return hash == null || hash.length() < 12 ? hash : hash.substring(0, 12) + "…";
    }
}
