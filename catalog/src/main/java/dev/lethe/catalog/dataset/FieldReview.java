package dev.lethe.catalog.dataset;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.CatalogChanges.BulkWrite;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.VersionConflictException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Bulk review of what discovery proposed: every DISCOVERED field of one dataset confirmed or rejected in
 * one call, under optimistic locking on the dataset (its fields are part of it, so its version moves on
 * when they change). CONFIRMED and REJECTED fields are left as they are. One audit entry names the
 * dataset, the decision and the fields' ids. Thread-safe.
 */
public final class FieldReview {

    /** What the review did: the dataset's new version and the fields it decided. */
    public record Outcome(UUID datasetId, FieldStatus decision, int datasetVersion, List<UUID> fields) {

        public Outcome {
            fields = List.copyOf(fields);
        }
    }

    private final CatalogChanges changes;

    public FieldReview(CatalogChanges changes) {
        this.changes = changes;
    }

    /**
     * Decides every DISCOVERED field of the dataset.
     *
     * @throws NotFoundException when the tenant has no such dataset
     * @throws VersionConflictException when the dataset is no longer at {@code expectedVersion}
     */
    public Outcome review(Editor editor, UUID datasetId, int expectedVersion, FieldStatus decision) {
        if (decision == FieldStatus.DISCOVERED) {
            throw new IllegalArgumentException("A decision is CONFIRMED or REJECTED");
        }
        int[] version = {expectedVersion};
        BulkWrite written = changes.bulk(
                editor,
                "field",
                decision == FieldStatus.CONFIRMED ? "confirmed" : "rejected",
                "dataset:" + datasetId,
                tx -> decideAll(tx, editor, datasetId, expectedVersion, decision, version));
        return new Outcome(datasetId, decision, version[0], written.changed());
    }

    private static BulkWrite decideAll(
            DSLContext tx, Editor editor, UUID datasetId, int expectedVersion, FieldStatus decision, int[] version) {
        Record dataset = tx.select(DATASET.VERSION)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(editor.tenantId()))
                .and(DATASET.ID.eq(datasetId))
                .forUpdate()
                .fetchOne();
        if (dataset == null) {
            throw new NotFoundException("dataset " + datasetId);
        }
        int current = dataset.get(DATASET.VERSION);
        if (current != expectedVersion) {
            throw new VersionConflictException("dataset " + datasetId, expectedVersion, current);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<UUID> decided = new ArrayList<>(tx.update(DATA_FIELD)
                .set(DATA_FIELD.STATUS, decision.name())
                .set(DATA_FIELD.CONFIRMED_BY, editor.by())
                .set(DATA_FIELD.CONFIRMED_AT, now)
                .set(DATA_FIELD.VERSION, DATA_FIELD.VERSION.plus(1))
                .set(DATA_FIELD.UPDATED_AT, now)
                .set(DATA_FIELD.UPDATED_BY, editor.by())
                .where(DATA_FIELD.TENANT_ID.eq(editor.tenantId()))
                .and(DATA_FIELD.DATASET_ID.eq(datasetId))
                .and(DATA_FIELD.STATUS.eq(FieldStatus.DISCOVERED.name()))
                .returningResult(DATA_FIELD.ID)
                .fetch(DATA_FIELD.ID));
        decided.sort(null);
        if (!decided.isEmpty()) {
            tx.update(DATASET)
                    .set(DATASET.VERSION, DATASET.VERSION.plus(1))
                    .set(DATASET.UPDATED_AT, now)
                    .set(DATASET.UPDATED_BY, editor.by())
                    .where(DATASET.TENANT_ID.eq(editor.tenantId()))
                    .and(DATASET.ID.eq(datasetId))
                    .execute();
            version[0] = current + 1;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dataset", datasetId.toString());
        details.put("decision", decision.name());
        details.put("changed", Integer.toString(decided.size()));
        List<String> ids = decided.stream().map(UUID::toString).toList();
        details.put("fields", String.join(",", ids.subList(0, Math.min(ids.size(), FieldDiscovery.AUDITED_IDS))));
        if (ids.size() > FieldDiscovery.AUDITED_IDS) {
            details.put("fields_omitted", Integer.toString(ids.size() - FieldDiscovery.AUDITED_IDS));
        }
        return new BulkWrite(List.of(), decided, details);
    }
}
