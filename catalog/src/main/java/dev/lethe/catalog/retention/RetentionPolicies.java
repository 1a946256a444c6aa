package dev.lethe.catalog.retention;

import static dev.lethe.catalog.jooq.Tables.RETENTION_POLICY;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.taxonomy.LegalBasis;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.TermKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** The tenant's retention policies. Thread-safe. */
public final class RetentionPolicies {

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final Taxonomy taxonomy;

    public RetentionPolicies(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        this.dsl = dsl;
        this.changes = changes;
        this.taxonomy = taxonomy;
    }

    public List<RetentionPolicy> list(UUID tenantId) {
        return dsl.selectFrom(RETENTION_POLICY)
                .where(RETENTION_POLICY.TENANT_ID.eq(tenantId))
                .orderBy(RETENTION_POLICY.NAME)
                .fetch(RetentionPolicies::toPolicy);
    }

    public Optional<RetentionPolicy> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(RETENTION_POLICY)
                .where(RETENTION_POLICY.TENANT_ID.eq(tenantId))
                .and(RETENTION_POLICY.ID.eq(id))
                .fetchOptional(RetentionPolicies::toPolicy);
    }

    public RetentionPolicy create(Editor editor, RetentionDraft draft) {
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(editor.tenantId(), draft);
        values.put(RETENTION_POLICY.ID, id);
        changes.insert(editor, RETENTION_POLICY, "retention_policy", id.toString(), values);
        return get(editor.tenantId(), id);
    }

    public RetentionPolicy update(Editor editor, UUID id, int expectedVersion, RetentionDraft draft) {
        changes.update(
                editor,
                RETENTION_POLICY,
                "retention_policy",
                id.toString(),
                RETENTION_POLICY.ID.eq(id),
                expectedVersion,
                values(editor.tenantId(), draft));
        return get(editor.tenantId(), id);
    }

    public void delete(Editor editor, UUID id, int expectedVersion) {
        changes.delete(
                editor,
                RETENTION_POLICY,
                "retention_policy",
                id.toString(),
                RETENTION_POLICY.ID.eq(id),
                expectedVersion);
    }

    private RetentionPolicy get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("retention policy " + id));
    }

    private Map<Field<?>, Object> values(UUID tenantId, RetentionDraft draft) {
        if (draft.dataCategory() != null) {
            taxonomy.requireKnown(tenantId, TermKind.DATA_CATEGORY, List.of(draft.dataCategory()));
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(RETENTION_POLICY.NAME, draft.name());
        values.put(RETENTION_POLICY.DATASET_ID, draft.datasetId());
        values.put(RETENTION_POLICY.DATA_CATEGORY, draft.dataCategory());
        values.put(RETENTION_POLICY.PERIOD, draft.period());
        values.put(RETENTION_POLICY.CLOCK_KIND, draft.clockKind());
        values.put(RETENTION_POLICY.CLOCK, draft.clock());
        values.put(RETENTION_POLICY.ACTION, draft.action());
        values.put(RETENTION_POLICY.SCHEDULE, draft.schedule());
        values.put(RETENTION_POLICY.ENABLED, draft.enabled());
        values.put(RETENTION_POLICY.LEGAL_BASIS, draft.legalBasis());
        values.put(RETENTION_POLICY.ANONYMIZE_WITH, draft.anonymizeWith());
        return values;
    }

    static RetentionPolicy toPolicy(Record record) {
        return new RetentionPolicy(
                record.get(RETENTION_POLICY.ID),
                record.get(RETENTION_POLICY.NAME),
                record.get(RETENTION_POLICY.DATASET_ID),
                record.get(RETENTION_POLICY.DATA_CATEGORY),
                record.get(RETENTION_POLICY.PERIOD),
                ClockKind.valueOf(record.get(RETENTION_POLICY.CLOCK_KIND)),
                record.get(RETENTION_POLICY.CLOCK),
                RetentionAction.valueOf(record.get(RETENTION_POLICY.ACTION)),
                record.get(RETENTION_POLICY.SCHEDULE),
                record.get(RETENTION_POLICY.ENABLED),
                record.get(RETENTION_POLICY.LEGAL_BASIS) == null
                        ? null
                        : LegalBasis.valueOf(record.get(RETENTION_POLICY.LEGAL_BASIS)),
                AnonymizeWith.valueOf(record.get(RETENTION_POLICY.ANONYMIZE_WITH)),
                Revision.of(record, RETENTION_POLICY));
    }
}
