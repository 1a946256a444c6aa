package dev.lethe.catalog.reference;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATASET_REFERENCE;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.Revision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * References between the datasets of one system: those discovery found (foreign keys) and those people
 * add. Adding and removing is versioned and audited like every catalog row ({@code
 * catalog.reference.*}). Thread-safe; call it as the tenant.
 */
public final class DatasetReferences {

    private final DSLContext dsl;
    private final CatalogChanges changes;

    public DatasetReferences(DSLContext dsl, CatalogChanges changes) {
        this.dsl = dsl;
        this.changes = changes;
    }

    /** The references from and to a dataset, from ones first. */
    public List<DatasetReference> ofDataset(UUID tenantId, UUID datasetId) {
        return dsl.selectFrom(DATASET_REFERENCE)
                .where(DATASET_REFERENCE.TENANT_ID.eq(tenantId))
                .and(DATASET_REFERENCE.FROM_DATASET_ID.eq(datasetId).or(DATASET_REFERENCE.TO_DATASET_ID.eq(datasetId)))
                .orderBy(
                        DATASET_REFERENCE.FROM_DATASET_ID.ne(datasetId),
                        DATASET_REFERENCE.CREATED_AT,
                        DATASET_REFERENCE.ID)
                .fetch(DatasetReferences::toReference);
    }

    /** The references between datasets of a system. */
    public List<DatasetReference> ofSystem(UUID tenantId, UUID systemId) {
        return dsl.select(DATASET_REFERENCE.fields())
                .from(DATASET_REFERENCE)
                .join(DATASET)
                .on(DATASET.TENANT_ID.eq(DATASET_REFERENCE.TENANT_ID))
                .and(DATASET.ID.eq(DATASET_REFERENCE.FROM_DATASET_ID))
                .where(DATASET_REFERENCE.TENANT_ID.eq(tenantId))
                .and(DATASET.SYSTEM_ID.eq(systemId))
                .orderBy(DATASET_REFERENCE.CREATED_AT, DATASET_REFERENCE.ID)
                .fetch(DatasetReferences::toReference);
    }

    public Optional<DatasetReference> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(DATASET_REFERENCE)
                .where(DATASET_REFERENCE.TENANT_ID.eq(tenantId))
                .and(DATASET_REFERENCE.ID.eq(id))
                .fetchOptional(DatasetReferences::toReference);
    }

    /**
     * Adds a MANUAL reference from {@code fromDatasetId}. Both datasets must belong to the same system:
     * a connector follows references inside the system it reaches.
     */
    public DatasetReference add(Editor editor, UUID fromDatasetId, ReferenceDraft draft) {
        UUID fromSystem = systemOf(editor.tenantId(), fromDatasetId)
                .orElseThrow(() -> new NotFoundException("dataset " + fromDatasetId));
        UUID toSystem = systemOf(editor.tenantId(), draft.toDatasetId())
                .orElseThrow(() -> new InvalidInputException("toDatasetId names no dataset of this tenant"));
        if (!fromSystem.equals(toSystem)) {
            throw new InvalidInputException("a reference joins datasets of the same system");
        }
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(DATASET_REFERENCE.ID, id);
        values.put(DATASET_REFERENCE.FROM_DATASET_ID, fromDatasetId);
        values.put(DATASET_REFERENCE.FROM_FIELDS, draft.fromFields().toArray(String[]::new));
        values.put(DATASET_REFERENCE.TO_DATASET_ID, draft.toDatasetId());
        values.put(DATASET_REFERENCE.TO_FIELDS, draft.toFields().toArray(String[]::new));
        values.put(DATASET_REFERENCE.SOURCE, ReferenceSource.MANUAL.name());
        changes.insert(editor, DATASET_REFERENCE, "reference", id.toString(), values);
        return find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("reference " + id));
    }

    /** Removes a reference of the dataset (discovered ones too: discovery adds them again if they still exist). */
    public void remove(Editor editor, UUID datasetId, UUID id, int expectedVersion) {
        DatasetReference reference =
                find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("reference " + id));
        if (!reference.fromDatasetId().equals(datasetId)
                && !reference.toDatasetId().equals(datasetId)) {
            throw new ConflictException("The reference " + id + " does not belong to the dataset " + datasetId);
        }
        changes.delete(
                editor, DATASET_REFERENCE, "reference", id.toString(), DATASET_REFERENCE.ID.eq(id), expectedVersion);
    }

    private Optional<UUID> systemOf(UUID tenantId, UUID datasetId) {
        return dsl.select(DATASET.SYSTEM_ID)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenantId))
                .and(DATASET.ID.eq(datasetId))
                .fetchOptional(DATASET.SYSTEM_ID);
    }

    static DatasetReference toReference(Record record) {
        return new DatasetReference(
                record.get(DATASET_REFERENCE.ID),
                record.get(DATASET_REFERENCE.FROM_DATASET_ID),
                List.of(record.get(DATASET_REFERENCE.FROM_FIELDS)),
                record.get(DATASET_REFERENCE.TO_DATASET_ID),
                List.of(record.get(DATASET_REFERENCE.TO_FIELDS)),
                ReferenceSource.valueOf(record.get(DATASET_REFERENCE.SOURCE)),
                Revision.of(record, DATASET_REFERENCE));
    }
}
