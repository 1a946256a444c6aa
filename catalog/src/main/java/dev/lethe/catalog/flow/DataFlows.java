package dev.lethe.catalog.flow;

import static dev.lethe.catalog.jooq.Tables.DATA_FLOW;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.Revision;
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

/** The tenant's data flows. Thread-safe. */
public final class DataFlows {

    private final DSLContext dsl;
    private final CatalogChanges changes;
    private final Taxonomy taxonomy;

    public DataFlows(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        this.dsl = dsl;
        this.changes = changes;
        this.taxonomy = taxonomy;
    }

    public List<DataFlow> list(UUID tenantId) {
        return dsl.selectFrom(DATA_FLOW)
                .where(DATA_FLOW.TENANT_ID.eq(tenantId))
                .orderBy(DATA_FLOW.NAME)
                .fetch(DataFlows::toFlow);
    }

    public Optional<DataFlow> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(DATA_FLOW)
                .where(DATA_FLOW.TENANT_ID.eq(tenantId))
                .and(DATA_FLOW.ID.eq(id))
                .fetchOptional(DataFlows::toFlow);
    }

    public DataFlow create(Editor editor, FlowDraft draft) {
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(editor.tenantId(), draft);
        values.put(DATA_FLOW.ID, id);
        changes.insert(editor, DATA_FLOW, "flow", id.toString(), values);
        return get(editor.tenantId(), id);
    }

    public DataFlow update(Editor editor, UUID id, int expectedVersion, FlowDraft draft) {
        changes.update(
                editor,
                DATA_FLOW,
                "flow",
                id.toString(),
                DATA_FLOW.ID.eq(id),
                expectedVersion,
                values(editor.tenantId(), draft));
        return get(editor.tenantId(), id);
    }

    public void delete(Editor editor, UUID id, int expectedVersion) {
        changes.delete(editor, DATA_FLOW, "flow", id.toString(), DATA_FLOW.ID.eq(id), expectedVersion);
    }

    private DataFlow get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("flow " + id));
    }

    private Map<Field<?>, Object> values(UUID tenantId, FlowDraft draft) {
        taxonomy.requireKnown(tenantId, TermKind.DATA_CATEGORY, draft.dataCategories());
        if (draft.purpose() != null) {
            taxonomy.requireKnown(tenantId, TermKind.PURPOSE, List.of(draft.purpose()));
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(DATA_FLOW.NAME, draft.name());
        values.put(DATA_FLOW.ACTIVITY_ID, draft.activityId());
        values.put(DATA_FLOW.FROM_SYSTEM_ID, draft.fromSystemId());
        values.put(DATA_FLOW.FROM_DATASET_ID, draft.fromDatasetId());
        values.put(DATA_FLOW.TO_SYSTEM_ID, draft.toSystemId());
        values.put(DATA_FLOW.TO_DATASET_ID, draft.toDatasetId());
        values.put(DATA_FLOW.EXTERNAL_RECIPIENT, draft.externalRecipient());
        values.put(DATA_FLOW.DATA_CATEGORIES, draft.dataCategories().toArray(String[]::new));
        values.put(DATA_FLOW.PURPOSE_CODE, draft.purpose());
        values.put(DATA_FLOW.OUTSIDE_EEA, draft.outsideEea());
        values.put(DATA_FLOW.DESTINATION_COUNTRY, draft.destinationCountry());
        values.put(DATA_FLOW.SAFEGUARD, draft.safeguard());
        return values;
    }

    static DataFlow toFlow(Record record) {
        String safeguard = record.get(DATA_FLOW.SAFEGUARD);
        return new DataFlow(
                record.get(DATA_FLOW.ID),
                record.get(DATA_FLOW.NAME),
                record.get(DATA_FLOW.ACTIVITY_ID),
                record.get(DATA_FLOW.FROM_SYSTEM_ID),
                record.get(DATA_FLOW.FROM_DATASET_ID),
                record.get(DATA_FLOW.TO_SYSTEM_ID),
                record.get(DATA_FLOW.TO_DATASET_ID),
                record.get(DATA_FLOW.EXTERNAL_RECIPIENT),
                List.of(record.get(DATA_FLOW.DATA_CATEGORIES)),
                record.get(DATA_FLOW.PURPOSE_CODE),
                record.get(DATA_FLOW.OUTSIDE_EEA),
                record.get(DATA_FLOW.DESTINATION_COUNTRY),
                safeguard == null ? null : Safeguard.valueOf(safeguard),
                Revision.of(record, DATA_FLOW));
    }
}
