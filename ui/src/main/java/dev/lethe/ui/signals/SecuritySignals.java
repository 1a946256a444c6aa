package dev.lethe.ui.signals;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Raises, lists and acknowledges security signals. A signal is an entry of the tenant's audit chain
 * ({@value #RAISED}, details {@code type} and facts such as counts), so it is as tamper-evident as the rest
 * and needs no table of its own; an acknowledgement is another entry ({@value #ACKNOWLEDGED}, target
 * {@code signal:<seq>}). Each signal also counts on {@code lethe.security.signals}, tagged with its type
 * only. The principal named in a signal is an account id, an API key id or a keyed hash of an address:
 * never an e-mail address or a raw address. Thread-safe.
 */
public final class SecuritySignals {

    public static final String RAISED = "security.signal";
    public static final String ACKNOWLEDGED = "security.signal.acknowledged";
    static final String METRIC = "lethe.security.signals";
    private static final Actor SIGNALS = Actor.system("security-signals");

    /** A signal as the admin view shows it. */
    public record Signal(
            long seq,
            Instant raisedAt,
            SignalType type,
            String principal,
            Map<String, String> details,
            String acknowledgedBy,
            Instant acknowledgedAt) {

        public boolean acknowledged() {
            return acknowledgedBy != null;
        }
    }

    private final AuditTrail trail;
    private final MeterRegistry meters;

    public SecuritySignals(AuditTrail trail, MeterRegistry meters) {
        this.trail = trail;
        this.meters = meters;
        for (SignalType type : SignalType.values()) {
            meters.counter(METRIC, "type", type.label());
        }
    }

    /** Raises a signal about {@code principal} (e.g. {@code user:<id>}, {@code api-key:<id>}). */
    public void raise(UUID tenantId, SignalType type, String principal, Map<String, String> facts) {
        Map<String, String> details = new LinkedHashMap<>(facts);
        details.put("type", type.label());
        TenantContext.runAs(
                tenantId, () -> trail.append(new AuditEvent(tenantId, SIGNALS, RAISED, principal, details)));
        meters.counter(METRIC, "type", type.label()).increment();
    }

    /** Whether a signal of this type about the principal was raised at or after {@code since}. */
    public boolean raisedSince(UUID tenantId, SignalType type, String principal, Instant since) {
        List<AuditEntry> entries = TenantContext.callAs(
                tenantId,
                () -> trail.page(tenantId, new AuditQuery(since, null, SIGNALS.id(), RAISED, principal, null, 100)));
        return entries.stream()
                .anyMatch(entry -> type.label().equals(entry.details().get("type")));
    }

    /** The tenant's most recent signals, newest first, each with its acknowledgement if any. */
    public List<Signal> recent(UUID tenantId, int limit) {
        return TenantContext.callAs(tenantId, () -> {
            List<AuditEntry> raised =
                    trail.page(tenantId, new AuditQuery(null, null, SIGNALS.id(), RAISED, null, null, limit));
            Map<String, AuditEntry> acknowledgements = new HashMap<>();
            for (AuditEntry ack :
                    trail.page(tenantId, new AuditQuery(null, null, null, ACKNOWLEDGED, null, null, 500))) {
                acknowledgements.putIfAbsent(ack.target(), ack);
            }
            return raised.stream()
                    .map(entry -> {
                        AuditEntry ack = acknowledgements.get("signal:" + entry.seq());
                        return new Signal(
                                entry.seq(),
                                entry.recordedAt(),
                                SignalType.ofLabel(entry.details().get("type")),
                                entry.target(),
                                withoutType(entry.details()),
                                ack == null ? null : ack.actor().id(),
                                ack == null ? null : ack.recordedAt());
                    })
                    .toList();
        });
    }

    /** Acknowledges the signal with this sequence number; empty when there is none (or it was acknowledged). */
    public Optional<Long> acknowledge(UUID tenantId, long seq, Actor by) {
        return TenantContext.callAs(tenantId, () -> {
            List<AuditEntry> found =
                    trail.page(tenantId, new AuditQuery(null, null, SIGNALS.id(), RAISED, null, seq + 1, 1));
            if (found.isEmpty() || found.getFirst().seq() != seq) {
                return Optional.<Long>empty();
            }
            boolean done = !trail.page(
                            tenantId, new AuditQuery(null, null, null, ACKNOWLEDGED, "signal:" + seq, null, 1))
                    .isEmpty();
            if (done) {
                return Optional.<Long>empty();
            }
            trail.append(new AuditEvent(tenantId, by, ACKNOWLEDGED, "signal:" + seq, Map.of()));
            return Optional.of(seq);
        });
    }

    private static Map<String, String> withoutType(Map<String, String> details) {
        Map<String, String> rest = new LinkedHashMap<>(details);
        rest.remove("type");
        return rest;
    }
}
