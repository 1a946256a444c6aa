package dev.lethe.catalog.retention;

import static dev.lethe.catalog.jooq.Tables.LEGAL_HOLD;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
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

/** The tenant's legal holds. Holds are released, not deleted, so their history stays. Thread-safe. */
public final class LegalHolds {

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final Taxonomy taxonomy;

    public LegalHolds(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        this.dsl = dsl;
        this.changes = changes;
        this.taxonomy = taxonomy;
    }

    public List<LegalHold> list(UUID tenantId) {
        return dsl.selectFrom(LEGAL_HOLD)
                .where(LEGAL_HOLD.TENANT_ID.eq(tenantId))
                .orderBy(LEGAL_HOLD.CREATED_AT)
                .fetch(LegalHolds::toHold);
    }

    public Optional<LegalHold> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(LEGAL_HOLD)
                .where(LEGAL_HOLD.TENANT_ID.eq(tenantId))
                .and(LEGAL_HOLD.ID.eq(id))
                .fetchOptional(LegalHolds::toHold);
    }

    /** Places a hold; the editor is recorded as who placed it. */
    public LegalHold place(Editor editor, HoldDraft draft) {
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(editor.tenantId(), draft);
        values.put(LEGAL_HOLD.ID, id);
        values.put(LEGAL_HOLD.PLACED_BY, editor.by());
        changes.insert(editor, LEGAL_HOLD, "legal_hold", id.toString(), values);
        return get(editor.tenantId(), id);
    }

    public LegalHold update(Editor editor, UUID id, int expectedVersion, HoldDraft draft) {
        changes.update(
                editor,
                LEGAL_HOLD,
                "legal_hold",
                id.toString(),
                LEGAL_HOLD.ID.eq(id),
                expectedVersion,
                values(editor.tenantId(), draft));
        return get(editor.tenantId(), id);
    }

    /** Ends a hold now; retention may delete what it covered from the next run on. */
    public LegalHold release(Editor editor, UUID id, int expectedVersion) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(LEGAL_HOLD.RELEASED_AT, OffsetDateTime.now(ZoneOffset.UTC));
        changes.update(editor, LEGAL_HOLD, "legal_hold", id.toString(), LEGAL_HOLD.ID.eq(id), expectedVersion, values);
        return get(editor.tenantId(), id);
    }

    private LegalHold get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("legal hold " + id));
    }

    private Map<Field<?>, Object> values(UUID tenantId, HoldDraft draft) {
        if (draft.dataCategory() != null) {
            taxonomy.requireKnown(tenantId, TermKind.DATA_CATEGORY, List.of(draft.dataCategory()));
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(LEGAL_HOLD.SYSTEM_ID, draft.systemId());
        values.put(LEGAL_HOLD.DATASET_ID, draft.datasetId());
        values.put(LEGAL_HOLD.DATA_CATEGORY, draft.dataCategory());
        values.put(
                LEGAL_HOLD.SUBJECT_HASHES,
                draft.subjectHashes() == null ? null : draft.subjectHashes().toArray(String[]::new));
        values.put(LEGAL_HOLD.REASON, draft.reason());
        values.put(
                LEGAL_HOLD.HELD_UNTIL,
                draft.heldUntil() == null ? null : draft.heldUntil().atOffset(ZoneOffset.UTC));
        return values;
    }

    static LegalHold toHold(Record record) {
        OffsetDateTime until = record.get(LEGAL_HOLD.HELD_UNTIL);
        OffsetDateTime released = record.get(LEGAL_HOLD.RELEASED_AT);
        String[] hashes = record.get(LEGAL_HOLD.SUBJECT_HASHES);
        return new LegalHold(
                record.get(LEGAL_HOLD.ID),
                record.get(LEGAL_HOLD.SYSTEM_ID),
                record.get(LEGAL_HOLD.DATASET_ID),
                record.get(LEGAL_HOLD.DATA_CATEGORY),
                hashes == null ? null : List.of(hashes),
                record.get(LEGAL_HOLD.REASON),
                record.get(LEGAL_HOLD.PLACED_BY),
                until == null ? null : until.toInstant(),
                released == null ? null : released.toInstant(),
                Revision.of(record, LEGAL_HOLD));
    }
}
