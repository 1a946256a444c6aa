package dev.lethe.vault.internal;

import dev.lethe.vault.ShredOutcome;
import dev.lethe.vault.ShredResult;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.KeyId;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.keys.ShredRecord;
import dev.lethe.vault.keys.SubjectHash;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Crypto-shredding: deletes a subject's key in the store, then every cached copy, then audits. */
final class Shredder {
    private final KeyRing keys;
    private final KeyRepository repository;
    private final VaultAudit audit;
    private final Clock clock;

    Shredder(KeyRing keys, KeyRepository repository, VaultAudit audit, Clock clock) {
        this.keys = keys;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    ShredResult shred(String tenant, String subject, String actor, String requestId) {
        Inputs.required(tenant, "tenant");
        Inputs.required(subject, "subject");
        Inputs.required(actor, "actor");
        Inputs.required(requestId, "requestId");
        SubjectHash hash = keys.subjectHash(tenant, subject);
        Instant at = clock.instant();
        Optional<ShredRecord> record = repository.shredSubjectKey(tenant, hash, at, actor, requestId);
        // Evict even when nothing was deleted here: another process may have deleted it, and this one may
        // still hold a copy.
        keys.evict(tenant, hash, record.map(ShredRecord::keyId));
        ShredOutcome outcome = record.isPresent()
                ? ShredOutcome.SHREDDED
                : repository.findShreds(tenant, hash).isEmpty() ? ShredOutcome.NO_KEY : ShredOutcome.ALREADY_SHREDDED;
        audit.shredded(new SubjectShredded(at, tenant, hash, actor, requestId, outcome));
        return new ShredResult(outcome, at);
    }

    void evict(String tenant, String subject) {
        keys.evict(tenant, keys.subjectHash(tenant, subject), Optional.<KeyId>empty());
    }
}
