package dev.lethe.vault.audit;

import java.time.Instant;

/**
 * A refused detokenization.
 *
 * @param at when
 * @param tenant the tenant
 * @param actor the principal's name
 * @param purpose the stated purpose
 * @param requestId the caller's request id
 * @param missingPermission the permission the principal lacked
 */
public record DetokenizationDenied(
        Instant at, String tenant, String actor, String purpose, String requestId, String missingPermission) {}
