package dev.lethe.catalog.dataset;

import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.TermKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The fields of the tenant's datasets. A person creates a field CONFIRMED; discovery (ingest,
 * connectors) proposes DISCOVERED ones, which a person then confirms or rejects. Thread-safe.
 */
public final class DataFields {

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final Taxonomy taxonomy;

    public DataFields(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        this.dsl = dsl;
        this.changes = changes;
        this.taxonomy = taxonomy;
    }

    /**
     * The tenant's fields in dataset and path order, of one dataset when {@code datasetId} is not
     * null, from the one after the field {@code after} when it is not null (a cursor: every page
     * then costs the same, however deep), then skipping {@code page.offset()}.
     */
    public List<DataField> list(UUID tenantId, UUID datasetId, UUID after, PageRequest page) {
        if (after != null && find(tenantId, after).isEmpty()) {
            throw new InvalidInputException("after names no field of this tenant (was it deleted? start again)");
        }
        // The page's ids first, from an index-only scan in list order (V11), then those rows: a
        // deep offset then skips index entries, not whole rows. "= any(array(...))" makes the ids an
        // init plan read by primary key; with "in (...)" the planner sometimes chose to filter every
        // row of the tenant through a hashed subplan (22 ms instead of 3 for a first page).
        var pageIds = DSL.select(DATA_FIELD.ID)
                .from(DATA_FIELD)
                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                .and(datasetId == null ? DSL.noCondition() : DATA_FIELD.DATASET_ID.eq(datasetId))
                .and(
                        after == null
                                ? DSL.noCondition()
                                : DSL.row(DATA_FIELD.DATASET_ID, DATA_FIELD.PATH)
                                        .gt(DSL.select(DATA_FIELD.DATASET_ID, DATA_FIELD.PATH)
                                                .from(DATA_FIELD)
                                                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                                                .and(DATA_FIELD.ID.eq(after))))
                .orderBy(DATA_FIELD.DATASET_ID, DATA_FIELD.PATH)
                .offset(page.offset())
                .limit(page.limit());
        return dsl.selectFrom(DATA_FIELD)
                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                .and(DATA_FIELD.ID.eq(DSL.any(DSL.array(pageIds))))
                .orderBy(DATA_FIELD.DATASET_ID, DATA_FIELD.PATH)
                .fetch(DataFields::toField);
    }

    public Optional<DataField> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(DATA_FIELD)
                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                .and(DATA_FIELD.ID.eq(id))
                .fetchOptional(DataFields::toField);
    }

    /** Adds a field; {@code status} is CONFIRMED for what people enter, DISCOVERED for what is detected. */
    public DataField create(Editor editor, FieldDraft draft, FieldStatus status) {
        taxonomy.requireKnown(editor.tenantId(), TermKind.DATA_CATEGORY, draft.categories());
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(draft);
        values.put(DATA_FIELD.ID, id);
        values.put(DATA_FIELD.STATUS, status.name());
        if (status == FieldStatus.CONFIRMED) {
            values.put(DATA_FIELD.CONFIRMED_BY, editor.by());
            values.put(DATA_FIELD.CONFIRMED_AT, OffsetDateTime.now(ZoneOffset.UTC));
        }
        changes.insert(editor, DATA_FIELD, "field", id.toString(), values);
        return get(editor.tenantId(), id);
    }

    public DataField update(Editor editor, UUID id, int expectedVersion, FieldDraft draft) {
        taxonomy.requireKnown(editor.tenantId(), TermKind.DATA_CATEGORY, draft.categories());
        changes.update(
                editor, DATA_FIELD, "field", id.toString(), DATA_FIELD.ID.eq(id), expectedVersion, values(draft));
        return get(editor.tenantId(), id);
    }

    /** Confirms or rejects a field (its categories), recording who decided. */
    public DataField decide(Editor editor, UUID id, int expectedVersion, FieldStatus decision) {
        if (decision == FieldStatus.DISCOVERED) {
            throw new IllegalArgumentException("A decision is CONFIRMED or REJECTED");
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(DATA_FIELD.STATUS, decision.name());
        values.put(DATA_FIELD.CONFIRMED_BY, editor.by());
        values.put(DATA_FIELD.CONFIRMED_AT, OffsetDateTime.now(ZoneOffset.UTC));
        changes.update(editor, DATA_FIELD, "field", id.toString(), DATA_FIELD.ID.eq(id), expectedVersion, values);
        return get(editor.tenantId(), id);
    }

    /**
     * Sets or clears ({@code null}) the identity type the field holds, e.g. {@code email} or {@code
     * customer_id}; the field keeps its status, so a DISCOVERED field still needs confirming.
     */
    public DataField setIdentity(Editor editor, UUID id, int expectedVersion, String identityType) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(DATA_FIELD.IDENTITY_TYPE, IdentityTypes.check(identityType));
        changes.update(editor, DATA_FIELD, "field", id.toString(), DATA_FIELD.ID.eq(id), expectedVersion, values);
        return get(editor.tenantId(), id);
    }

    public void delete(Editor editor, UUID id, int expectedVersion) {
        changes.delete(editor, DATA_FIELD, "field", id.toString(), DATA_FIELD.ID.eq(id), expectedVersion);
    }

    private DataField get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("field " + id));
    }

    private static Map<Field<?>, Object> values(FieldDraft draft) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(DATA_FIELD.DATASET_ID, draft.datasetId());
        values.put(DATA_FIELD.PATH, draft.path());
        values.put(DATA_FIELD.DATA_TYPE, draft.dataType());
        values.put(DATA_FIELD.CATEGORIES, draft.categories().toArray(String[]::new));
        values.put(DATA_FIELD.CONFIDENCE, draft.confidence());
        return values;
    }

    static DataField toField(Record record) {
        OffsetDateTime confirmedAt = record.get(DATA_FIELD.CONFIRMED_AT);
        return new DataField(
                record.get(DATA_FIELD.ID),
                record.get(DATA_FIELD.DATASET_ID),
                record.get(DATA_FIELD.PATH),
                record.get(DATA_FIELD.DATA_TYPE),
                List.of(record.get(DATA_FIELD.CATEGORIES)),
                record.get(DATA_FIELD.IDENTITY_TYPE),
                FieldStatus.valueOf(record.get(DATA_FIELD.STATUS)),
                record.get(DATA_FIELD.CONFIDENCE),
                record.get(DATA_FIELD.FIRST_SEEN_AT).toInstant(),
                record.get(DATA_FIELD.LAST_SEEN_AT).toInstant(),
                record.get(DATA_FIELD.SAMPLE_COUNT),
                record.get(DATA_FIELD.CONFIRMED_BY),
                confirmedAt == null ? null : confirmedAt.toInstant(),
                Revision.of(record, DATA_FIELD));
    }
}
