package dev.lethe.ui.connectors;

import dev.lethe.catalog.change.Revision;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A connection as the API shows it. {@code config} holds the settings that are not secret as they were
 * given (the TLS setting always, its default included), and every secret setting of the type only as
 * {@code {"set": true|false}}: a secret's value is never returned. {@code approval} is {@code
 * PENDING_APPROVAL} while locate, requests and retention may not use it yet, else {@code APPROVED}.
 */
public record ConnectionView(
        UUID id,
        String name,
        String type,
        String system,
        UUID systemId,
        Map<String, Object> config,
        String approval,
        OffsetDateTime approvedAt,
        Revision revision) {

    /** Whether a second person still has to approve the connection before it is used. */
    public boolean pending() {
        return "PENDING_APPROVAL".equals(approval);
    }
}
