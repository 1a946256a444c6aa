package dev.lethe.vault.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * Evidence that a subject key was destroyed. It outlives the key so that a later detokenization of
 * one of its tokens can answer "subject erased" rather than "unknown token". It holds no key material.
 *
 * @param tenant the tenant
 * @param subjectHash the erased subject's keyed hash
 * @param keyId the id of the destroyed key (the id that the subject's tokens carry)
 * @param shreddedAt when
 * @param actor who asked for it (a user or a system principal name)
 * @param requestId the request (e.g. the erasure request) on whose behalf it happened
 */
public record ShredRecord(
        String tenant, SubjectHash subjectHash, KeyId keyId, Instant shreddedAt, String actor, String requestId) {

    public ShredRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subjectHash, "subjectHash");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(shreddedAt, "shreddedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
    }
}
