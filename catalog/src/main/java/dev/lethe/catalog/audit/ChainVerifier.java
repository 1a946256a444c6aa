package dev.lethe.catalog.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;

import dev.lethe.catalog.audit.ChainVerification.AnchorCheck;
import dev.lethe.catalog.audit.ChainVerification.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * Recomputes a tenant's chain from its first entry and checks it against the signed checkpoints in
 * the database and, when given, the checkpoints anchored outside it. Claims "intact" only for what it
 * could read in full: fewer readable entries than exist (row-level security) or unreadable anchors
 * are reported as such, never as an intact chain.
 */
final class ChainVerifier {

    private final DSLContext dsl;
    private final Checkpoints checkpoints;

    ChainVerifier(DSLContext dsl, Checkpoints checkpoints) {
        this.dsl = dsl;
        this.checkpoints = checkpoints;
    }

    /** @param anchorLog null to check the database only (then reported as not checked) */
    ChainVerification verify(UUID tenantId, CheckpointAnchors anchorLog) {
        // Read before the entries: the chain only grows, so every entry counted here must be read below.
        long existing = existingEntries(tenantId);
        var anchored = new TreeMap<Long, List<CheckpointAnchor>>();
        AnchorCheck anchorCheck = AnchorCheck.NOT_CHECKED;
        String anchorProblem = null;
        if (anchorLog != null) {
            try {
                for (CheckpointAnchor anchor : anchorLog.read(tenantId)) {
                    if (anchor.tenantId().equals(tenantId)) {
                        anchored.computeIfAbsent(anchor.seq(), seq -> new ArrayList<>())
                                .add(anchor);
                    }
                }
                anchorCheck = AnchorCheck.CHECKED;
            } catch (CheckpointAnchors.AnchorsUnavailableException e) {
                anchorCheck = AnchorCheck.UNAVAILABLE;
                anchorProblem = e.getMessage();
            }
        }
        Long anchoredSeq = anchored.isEmpty() ? null : anchored.lastKey();
        var result = new Result(anchorCheck, anchoredSeq);

        NavigableMap<Long, Checkpoints.Checkpoint> signed = checkpoints.read(dsl, tenantId);
        for (Checkpoints.Checkpoint checkpoint : signed.values()) {
            if (!checkpoints.signatureHolds(tenantId, checkpoint)) {
                return result.broken(0, checkpoint.seq(), "its signed checkpoint has a bad signature");
            }
        }
        for (List<CheckpointAnchor> anchors : anchored.values()) {
            for (CheckpointAnchor anchor : anchors) {
                if (!checkpoints.anchorHolds(anchor)) {
                    return result.broken(
                            0,
                            anchor.seq(),
                            "its anchored checkpoint does not verify (bad signature, or a signing key that is"
                                    + " missing or was replaced in the database)");
                }
            }
        }

        String expectedPrevious = ChainHash.GENESIS;
        long expectedSeq = 1;
        try (Stream<AuditEntry> entries = dsl.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenantId))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetchSize(1000)
                .fetchStream()
                .map(AuditTrail::toEntry)) {
            for (AuditEntry entry : (Iterable<AuditEntry>) entries::iterator) {
                String problem = problem(
                        entry,
                        expectedSeq,
                        expectedPrevious,
                        signed.get(entry.seq()),
                        anchored.getOrDefault(entry.seq(), List.of()));
                if (problem != null) {
                    return result.broken(expectedSeq - 1, Math.min(entry.seq(), expectedSeq), problem);
                }
                expectedPrevious = entry.hash();
                expectedSeq++;
            }
        }
        long last = expectedSeq - 1;
        if (existing > last) {
            return result.notProven(
                    Outcome.UNREADABLE,
                    last,
                    existing + " entries exist but only " + last + " could be read: this database role does not"
                            + " see the tenant's rows (row-level security; is lethe.tenant_id set?)");
        }
        if (!signed.isEmpty() && signed.lastKey() > last) {
            return result.broken(
                    last,
                    last + 1,
                    "entries from " + (last + 1) + " on are missing: a signed checkpoint vouches for entry "
                            + signed.lastKey());
        }
        if (anchoredSeq != null && anchoredSeq > last) {
            return result.broken(
                    last,
                    last + 1,
                    "entries missing: anchored checkpoint at seq " + anchoredSeq + ", chain ends at " + last);
        }
        if (anchorCheck == AnchorCheck.UNAVAILABLE) {
            return result.notProven(
                    Outcome.UNCONFIRMED,
                    last,
                    "the chain in the database verifies, but its anchors could not be read: " + anchorProblem);
        }
        return ChainVerification.intact(
                last, last == 0 ? ChainHash.GENESIS : expectedPrevious, anchorCheck, anchoredSeq);
    }

    private record Result(AnchorCheck anchors, Long anchoredSeq) {
        ChainVerification broken(long checked, long seq, String reason) {
            return ChainVerification.broken(checked, seq, reason, anchors, anchoredSeq);
        }

        ChainVerification notProven(Outcome outcome, long checked, String reason) {
            return ChainVerification.notProven(outcome, checked, reason, anchors, anchoredSeq);
        }
    }

    /** How many entries the tenant's chain has, whatever this role may read (a security-definer function). */
    private long existingEntries(UUID tenantId) {
        return dsl.fetchOptional("select last_seq from lethe_audit_extent() where tenant_id = ?", tenantId)
                .map(row -> row.get(0, Long.class))
                .orElse(0L);
    }

    private static String problem(
            AuditEntry entry,
            long expectedSeq,
            String expectedPrevious,
            Checkpoints.Checkpoint checkpoint,
            List<CheckpointAnchor> anchors) {
        if (entry.seq() != expectedSeq) {
            return "entry " + expectedSeq + " is missing";
        }
        if (!entry.previousHash().equals(expectedPrevious)) {
            return "does not link to the entry before it";
        }
        String recomputed = ChainHash.of(
                entry.tenantId(),
                entry.seq(),
                entry.recordedAt(),
                entry.actor(),
                entry.action(),
                entry.target(),
                entry.details(),
                entry.previousHash());
        if (!recomputed.equals(entry.hash())) {
            return "content does not match its hash";
        }
        if (checkpoint != null && !checkpoint.headHash().equals(entry.hash())) {
            return "does not match its signed checkpoint";
        }
        for (CheckpointAnchor anchor : anchors) {
            if (!anchor.headHash().equals(entry.hash())) {
                return "does not match its anchored checkpoint";
            }
        }
        return null;
    }
}
