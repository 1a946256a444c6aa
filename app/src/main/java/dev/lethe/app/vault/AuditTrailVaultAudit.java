package dev.lethe.app.vault;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.ui.signals.DetokenizationVolume;
import dev.lethe.ui.vault.VaultCaller;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokenAccess;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The vault's audit events on the tenant's hash-chained audit trail. Only facts go in (who, purpose,
 * request, kinds, categories, counts, outcome, the subject's keyed hash): never a value, a token or a
 * raw subject id. Synchronous, so the vault's fail-closed rule holds: no audit entry, no value.
 *
 * <p>Actions: {@code vault.detokenize}, {@code vault.detokenize_denied}, {@code vault.shred}.
 */
final class AuditTrailVaultAudit implements VaultAudit {

    private final AuditTrail trail;
    private final DetokenizationVolume volume;

    AuditTrailVaultAudit(AuditTrail trail, DetokenizationVolume volume) {
        this.trail = trail;
        this.volume = volume;
    }

    @Override
    public void detokenized(TokensDetokenized event) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("purpose", event.purpose());
        details.put("requestId", event.requestId());
        int revealed = 0;
        int erased = 0;
        for (TokenAccess access : event.accesses()) {
            details.put(
                    "tokens." + access.category() + "." + access.kind().name(),
                    "revealed=" + access.revealed() + ",erased=" + access.erased());
            revealed += access.revealed();
            erased += access.erased();
        }
        details.put("revealed", Integer.toString(revealed));
        details.put("erased", Integer.toString(erased));
        append(event.tenant(), event.actor(), "vault.detokenize", "tokens", details);
        volume.detokenized(UUID.fromString(event.tenant()), VaultCaller.actorOf(event.actor()));
    }

    @Override
    public void detokenizationDenied(DetokenizationDenied event) {
        append(
                event.tenant(),
                event.actor(),
                "vault.detokenize_denied",
                "tokens",
                Map.of(
                        "purpose", event.purpose(),
                        "requestId", event.requestId(),
                        "missingPermission", event.missingPermission()));
    }

    @Override
    public void shredded(SubjectShredded event) {
        append(
                event.tenant(),
                event.actor(),
                "vault.shred",
                "subject-hash:" + event.subject().hex(),
                Map.of(
                        "requestId",
                        event.requestId(),
                        "outcome",
                        event.outcome().name()));
    }

    private void append(String tenant, String actor, String action, String target, Map<String, String> details) {
        trail.append(new AuditEvent(UUID.fromString(tenant), VaultCaller.actorOf(actor), action, target, details));
    }
}
