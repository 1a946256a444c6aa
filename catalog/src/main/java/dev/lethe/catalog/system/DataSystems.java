package dev.lethe.catalog.system;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;

import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.change.Revision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** The tenant's systems. Thread-safe. */
public final class DataSystems {

    private final DSLContext dsl;
    private final CatalogChanges changes;

    public DataSystems(DSLContext dsl, CatalogChanges changes) {
        this.dsl = dsl;
        this.changes = changes;
    }

    public List<DataSystem> list(UUID tenantId, PageRequest page) {
        return dsl.selectFrom(DATA_SYSTEM)
                .where(DATA_SYSTEM.TENANT_ID.eq(tenantId))
                .orderBy(DATA_SYSTEM.NAME)
                .offset(page.offset())
                .limit(page.limit())
                .fetch(DataSystems::toSystem);
    }

    public Optional<DataSystem> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(DATA_SYSTEM)
                .where(DATA_SYSTEM.TENANT_ID.eq(tenantId))
                .and(DATA_SYSTEM.ID.eq(id))
                .fetchOptional(DataSystems::toSystem);
    }

    public DataSystem create(Editor editor, SystemDraft draft) {
        UUID id = UUID.randomUUID();
        Map<Field<?>, Object> values = values(draft);
        values.put(DATA_SYSTEM.ID, id);
        changes.insert(editor, DATA_SYSTEM, "system", id.toString(), values);
        return get(editor.tenantId(), id);
    }

    public DataSystem update(Editor editor, UUID id, int expectedVersion, SystemDraft draft) {
        changes.update(
                editor, DATA_SYSTEM, "system", id.toString(), DATA_SYSTEM.ID.eq(id), expectedVersion, values(draft));
        return get(editor.tenantId(), id);
    }

    /** Deletes a system that no dataset, flow, activity or hold refers to any more. */
    public void delete(Editor editor, UUID id, int expectedVersion) {
        List<String> datasets = dsl.select(DATASET.NAME)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(editor.tenantId()))
                .and(DATASET.SYSTEM_ID.eq(id))
                .orderBy(DATASET.NAME)
                .fetch(DATASET.NAME);
        if (!datasets.isEmpty()) {
            throw new ConflictException("The system still has datasets " + datasets + ": delete them first");
        }
        changes.delete(editor, DATA_SYSTEM, "system", id.toString(), DATA_SYSTEM.ID.eq(id), expectedVersion);
    }

    private DataSystem get(UUID tenantId, UUID id) {
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("system " + id));
    }

    private static Map<Field<?>, Object> values(SystemDraft draft) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(DATA_SYSTEM.NAME, draft.name());
        values.put(DATA_SYSTEM.DESCRIPTION, draft.description());
        values.put(DATA_SYSTEM.OWNER_TEAM, draft.ownerTeam());
        values.put(DATA_SYSTEM.CONTACT, draft.contact());
        values.put(DATA_SYSTEM.ENVIRONMENT, draft.environment());
        values.put(DATA_SYSTEM.HOSTING_REGION, draft.hostingRegion());
        return values;
    }

    static DataSystem toSystem(Record record) {
        return new DataSystem(
                record.get(DATA_SYSTEM.ID),
                record.get(DATA_SYSTEM.NAME),
                record.get(DATA_SYSTEM.DESCRIPTION),
                record.get(DATA_SYSTEM.OWNER_TEAM),
                record.get(DATA_SYSTEM.CONTACT),
                Environment.valueOf(record.get(DATA_SYSTEM.ENVIRONMENT)),
                record.get(DATA_SYSTEM.HOSTING_REGION),
                Revision.of(record, DATA_SYSTEM));
    }
}
