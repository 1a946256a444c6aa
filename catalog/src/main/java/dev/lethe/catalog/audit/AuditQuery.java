package dev.lethe.catalog.audit;

import java.time.Instant;

/**
 * A page of a tenant's audit trail, newest first. Every filter is optional (null).
 *
 * @param beforeSeq continue below this sequence number (from the previous page's last entry)
 * @param limit at most this many entries (1..500)
 */
public record AuditQuery(
        Instant from, Instant to, String actorId, String action, String target, Long beforeSeq, int limit) {

    public AuditQuery {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
    }
}
