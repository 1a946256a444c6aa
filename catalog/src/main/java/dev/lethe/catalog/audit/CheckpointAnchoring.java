package dev.lethe.catalog.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_CHECKPOINT;
import static dev.lethe.catalog.jooq.Tables.AUDIT_CHECKPOINT_ANCHOR;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Anchors a tenant's signed checkpoints outside PostgreSQL: publishes those not anchored yet, then
 * notes them as anchored. Runs after the checkpoint's transaction has committed and outside any
 * transaction (never publish from inside one), so an unreachable anchor log delays anchoring and
 * loses nothing: what was not anchored is published on the next call. A crash between publishing and
 * noting publishes again, which is harmless. Thread-safe; concurrent calls for one tenant may publish
 * an anchor twice.
 */
public final class CheckpointAnchoring {

    private static final int BATCH = 200;

    private final DSLContext dsl;
    private final CheckpointAnchors anchors;
    private final Checkpoints checkpoints;

    public CheckpointAnchoring(DSLContext dsl, CheckpointAnchors anchors) {
        this.dsl = dsl;
        this.anchors = anchors;
        this.checkpoints = new Checkpoints(null, new StoredPublicKeys(dsl));
    }

    /**
     * Publishes the tenant's signed checkpoints that are not anchored yet, oldest first, and returns
     * how many were published. A checkpoint whose signing key is not in the database can't be checked
     * by anyone and is skipped (verification reports such checkpoints itself).
     *
     * @throws CheckpointAnchors.AnchorsUnavailableException when the anchor log can't be written; call
     *     again later
     */
    public int anchorPending(UUID tenantId) {
        int published = 0;
        while (true) {
            List<Checkpoints.Checkpoint> pending = dsl.selectFrom(AUDIT_CHECKPOINT)
                    .where(AUDIT_CHECKPOINT.TENANT_ID.eq(tenantId))
                    .andNotExists(DSL.selectOne()
                            .from(AUDIT_CHECKPOINT_ANCHOR)
                            .where(AUDIT_CHECKPOINT_ANCHOR.TENANT_ID.eq(AUDIT_CHECKPOINT.TENANT_ID))
                            .and(AUDIT_CHECKPOINT_ANCHOR.SEQ.eq(AUDIT_CHECKPOINT.SEQ)))
                    .orderBy(AUDIT_CHECKPOINT.SEQ)
                    .limit(BATCH)
                    .fetch(Checkpoints::of);
            if (pending.isEmpty()) {
                return published;
            }
            List<CheckpointAnchor> batch = pending.stream()
                    .map(checkpoint -> checkpoints.anchorOf(tenantId, checkpoint))
                    .flatMap(Optional::stream)
                    .toList();
            if (!batch.isEmpty()) {
                anchors.publish(batch);
            }
            var noted = dsl.insertInto(
                    AUDIT_CHECKPOINT_ANCHOR, AUDIT_CHECKPOINT_ANCHOR.TENANT_ID, AUDIT_CHECKPOINT_ANCHOR.SEQ);
            for (Checkpoints.Checkpoint checkpoint : pending) {
                noted = noted.values(tenantId, checkpoint.seq());
            }
            noted.onConflictDoNothing().execute();
            published += batch.size();
            if (pending.size() < BATCH) {
                return published;
            }
        }
    }
}
