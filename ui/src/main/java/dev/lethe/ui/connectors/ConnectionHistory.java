package dev.lethe.ui.connectors;

import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/**
 * A connection's last test and its system's last discovery, read from the audit trail where both are
 * recorded anyway: every web instance sees the same, and nothing is stored twice.
 */
final class ConnectionHistory {

    /** The action discovery's import records for the datasets of a system. */
    static final String DISCOVERED = "catalog.dataset.discovered";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    /** A test's outcome: whether it passed, which checks failed (names only), and when. */
    record LastTest(boolean passed, String failed, Instant at) {

        public String when() {
            return format(at);
        }
    }

    /** A discovery: how many datasets it found, and when. */
    record LastDiscovery(String datasets, Instant at) {

        public String when() {
            return format(at);
        }
    }

    private final AuditTrail trail;

    ConnectionHistory(AuditTrail trail) {
        this.trail = trail;
    }

    Optional<LastTest> lastTest(UUID tenantId, UUID connectionId) {
        return last(tenantId, ConnectionOperations.TESTED, "connection:" + connectionId)
                .map(entry -> new LastTest(
                        "true".equals(entry.details().get("passed")),
                        entry.details().getOrDefault("failed", ""),
                        entry.recordedAt()));
    }

    Optional<LastDiscovery> lastDiscovery(UUID tenantId, UUID systemId) {
        return last(tenantId, DISCOVERED, "system:" + systemId)
                .map(entry -> new LastDiscovery(entry.details().getOrDefault("found", "?"), entry.recordedAt()));
    }

    static String format(Instant at) {
        return WHEN.format(at.atOffset(ZoneOffset.UTC));
    }

    private Optional<AuditEntry> last(UUID tenantId, String action, String target) {
        return trail.page(tenantId, new AuditQuery(null, null, null, action, target, null, 1)).stream()
                .findFirst();
    }
}
