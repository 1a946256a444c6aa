package dev.lethe.vault.audit;

import dev.lethe.vault.ShredOutcome;
import dev.lethe.vault.keys.SubjectHash;
import java.time.Instant;

/**
 * A shred request and its outcome.
 *
 * @param at when
 * @param tenant the tenant
 * @param subject the subject's keyed hash (never the raw id)
 * @param actor who asked
 * @param requestId the request on whose behalf
 * @param outcome whether a key was destroyed by this call
 */
public record SubjectShredded(
        Instant at, String tenant, SubjectHash subject, String actor, String requestId, ShredOutcome outcome) {}
