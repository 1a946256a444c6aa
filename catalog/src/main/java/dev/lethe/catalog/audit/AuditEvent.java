package dev.lethe.catalog.audit;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something to record. {@code details} are structured facts about the action (counts, ids,
 * categories, purposes): never raw personal data, which the chain would keep forever.
 *
 * @param action a dotted verb, e.g. {@code vault.detokenize}, {@code catalog.system.created}
 * @param target what the action was about, e.g. {@code system:shop} or {@code request:42}
 */
public record AuditEvent(UUID tenantId, Actor actor, String action, String target, Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        if (action == null || !action.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
            throw new IllegalArgumentException("An audit action is a dotted lower-case verb");
        }
        target = target == null ? "" : target;
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
