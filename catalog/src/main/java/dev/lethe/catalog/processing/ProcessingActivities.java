package dev.lethe.catalog.processing;

import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;
import static dev.lethe.catalog.jooq.Tables.PROCESSING_ACTIVITY;
import static dev.lethe.catalog.jooq.Tables.PROCESSING_ACTIVITY_SYSTEM;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.taxonomy.LegalBasis;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.Term;
import dev.lethe.catalog.taxonomy.TermKind;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.impl.DSL;

/** The tenant's processing activities, each read with the systems it uses. Thread-safe. */
public final class ProcessingActivities {

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final Taxonomy taxonomy;

    public ProcessingActivities(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        this.dsl = dsl;
        this.changes = changes;
        this.taxonomy = taxonomy;
    }

    public List<ProcessingActivity> list(UUID tenantId) {
        return query(tenantId, DSL.noCondition());
    }

    public Optional<ProcessingActivity> find(UUID tenantId, UUID id) {
        return query(tenantId, PROCESSING_ACTIVITY.ID.eq(id)).stream().findFirst();
    }

    public ProcessingActivity create(Editor editor, ActivityDraft draft) {
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(editor.tenantId(), draft);
        values.put(PROCESSING_ACTIVITY.ID, id);
        changes.insert(
                editor, PROCESSING_ACTIVITY, "activity", id.toString(), values, systems(editor, id, draft.systemIds()));
        return get(editor.tenantId(), id);
    }

    public ProcessingActivity update(Editor editor, UUID id, int expectedVersion, ActivityDraft draft) {
        changes.update(
                editor,
                PROCESSING_ACTIVITY,
                "activity",
                id.toString(),
                PROCESSING_ACTIVITY.ID.eq(id),
                expectedVersion,
                values(editor.tenantId(), draft),
                systems(editor, id, draft.systemIds()));
        return get(editor.tenantId(), id);
    }

    public void delete(Editor editor, UUID id, int expectedVersion) {
        changes.delete(
                editor, PROCESSING_ACTIVITY, "activity", id.toString(), PROCESSING_ACTIVITY.ID.eq(id), expectedVersion);
    }

    /** Multiset-read activities; the systems come in one query with them. */
    List<ProcessingActivity> query(UUID tenantId, Condition condition) {
        Field<List<SystemRef>> systems = multiset(select(DATA_SYSTEM.ID, DATA_SYSTEM.NAME)
                        .from(PROCESSING_ACTIVITY_SYSTEM)
                        .join(DATA_SYSTEM)
                        .on(DATA_SYSTEM.TENANT_ID.eq(PROCESSING_ACTIVITY_SYSTEM.TENANT_ID))
                        .and(DATA_SYSTEM.ID.eq(PROCESSING_ACTIVITY_SYSTEM.SYSTEM_ID))
                        .where(PROCESSING_ACTIVITY_SYSTEM.TENANT_ID.eq(tenantId))
                        .and(PROCESSING_ACTIVITY_SYSTEM.ACTIVITY_ID.eq(PROCESSING_ACTIVITY.ID))
                        .orderBy(DATA_SYSTEM.NAME))
                .as("systems")
                .convertFrom(result -> result.map(Records.mapping(SystemRef::new)));
        return dsl.select(PROCESSING_ACTIVITY.asterisk(), systems)
                .from(PROCESSING_ACTIVITY)
                .where(PROCESSING_ACTIVITY.TENANT_ID.eq(tenantId))
                .and(condition)
                .orderBy(PROCESSING_ACTIVITY.NAME)
                .fetch(record -> toActivity(record, record.get(systems)));
    }

    private ProcessingActivity get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("activity " + id));
    }

    private Map<Field<?>, Object> values(UUID tenantId, ActivityDraft draft) {
        taxonomy.requireKnown(tenantId, TermKind.PURPOSE, List.of(draft.purpose()));
        Term purpose =
                taxonomy.find(tenantId, TermKind.PURPOSE, draft.purpose()).orElseThrow();
        taxonomy.requireKnown(tenantId, TermKind.SUBJECT_CATEGORY, draft.subjectCategories());
        taxonomy.requireKnown(tenantId, TermKind.DATA_CATEGORY, draft.dataCategories());
        LegalBasis basis = draft.legalBasis() == null ? purpose.legalBasis() : LegalBasis.valueOf(draft.legalBasis());
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(PROCESSING_ACTIVITY.NAME, draft.name());
        values.put(PROCESSING_ACTIVITY.DESCRIPTION, draft.description());
        values.put(PROCESSING_ACTIVITY.PURPOSE_CODE, draft.purpose());
        values.put(PROCESSING_ACTIVITY.LEGAL_BASIS, basis.name());
        values.put(PROCESSING_ACTIVITY.ROLE, draft.role());
        values.put(
                PROCESSING_ACTIVITY.SUBJECT_CATEGORIES,
                draft.subjectCategories().toArray(String[]::new));
        values.put(PROCESSING_ACTIVITY.DATA_CATEGORIES, draft.dataCategories().toArray(String[]::new));
        values.put(PROCESSING_ACTIVITY.RECIPIENTS, draft.recipients().toArray(String[]::new));
        return values;
    }

    /** Replaces the activity's systems; unknown or foreign system ids fail on the foreign key. */
    private static CatalogChanges.Related systems(Editor editor, UUID activityId, List<UUID> systemIds) {
        return tx -> {
            Set<UUID> before = new HashSet<>(tx.select(PROCESSING_ACTIVITY_SYSTEM.SYSTEM_ID)
                    .from(PROCESSING_ACTIVITY_SYSTEM)
                    .where(PROCESSING_ACTIVITY_SYSTEM.TENANT_ID.eq(editor.tenantId()))
                    .and(PROCESSING_ACTIVITY_SYSTEM.ACTIVITY_ID.eq(activityId))
                    .fetch(PROCESSING_ACTIVITY_SYSTEM.SYSTEM_ID));
            if (before.equals(new HashSet<>(systemIds))) {
                return Set.of();
            }
            tx.deleteFrom(PROCESSING_ACTIVITY_SYSTEM)
                    .where(PROCESSING_ACTIVITY_SYSTEM.TENANT_ID.eq(editor.tenantId()))
                    .and(PROCESSING_ACTIVITY_SYSTEM.ACTIVITY_ID.eq(activityId))
                    .execute();
            var insert = tx.insertInto(
                    PROCESSING_ACTIVITY_SYSTEM,
                    PROCESSING_ACTIVITY_SYSTEM.TENANT_ID,
                    PROCESSING_ACTIVITY_SYSTEM.ACTIVITY_ID,
                    PROCESSING_ACTIVITY_SYSTEM.SYSTEM_ID);
            for (UUID systemId : systemIds) {
                insert = insert.values(editor.tenantId(), activityId, systemId);
            }
            if (!systemIds.isEmpty()) {
                insert.execute();
            }
            return Set.of("systems");
        };
    }

    private static ProcessingActivity toActivity(Record record, List<SystemRef> systems) {
        return new ProcessingActivity(
                record.get(PROCESSING_ACTIVITY.ID),
                record.get(PROCESSING_ACTIVITY.NAME),
                record.get(PROCESSING_ACTIVITY.DESCRIPTION),
                record.get(PROCESSING_ACTIVITY.PURPOSE_CODE),
                LegalBasis.valueOf(record.get(PROCESSING_ACTIVITY.LEGAL_BASIS)),
                ProcessingRole.valueOf(record.get(PROCESSING_ACTIVITY.ROLE)),
                List.of(record.get(PROCESSING_ACTIVITY.SUBJECT_CATEGORIES)),
                List.of(record.get(PROCESSING_ACTIVITY.DATA_CATEGORIES)),
                List.of(record.get(PROCESSING_ACTIVITY.RECIPIENTS)),
                systems,
                Revision.of(record, PROCESSING_ACTIVITY));
    }
}
