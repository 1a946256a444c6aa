package dev.lethe.catalog.outbox;

import static dev.lethe.catalog.jooq.Tables.CATALOG_OUTBOX;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The outbox of catalog changes that the search index follows. Rows are appended inside the
 * transaction of the change they describe and removed once the index has caught up with them;
 * handling a row twice is harmless, because the indexer reads the entity's current state.
 * Stateless and thread-safe: every method works on the {@link DSLContext} it is given, so callers
 * choose the transaction (and, through row-level security, the tenant).
 */
public final class CatalogOutbox {

    /** The entity kinds that are indexed (the kinds {@code CatalogChanges} writes them under). */
    public static final Set<String> KINDS = Set.of("system", "dataset", "field", "activity");

    private CatalogOutbox() {}

    /** Whether changes of {@code kind} go through the outbox. */
    public static boolean indexes(String kind) {
        return KINDS.contains(kind);
    }

    /** Appends a change; call it inside the change's own transaction. */
    public static void append(DSLContext tx, UUID tenantId, String kind, UUID entityId, String op) {
        tx.insertInto(CATALOG_OUTBOX)
                .set(CATALOG_OUTBOX.TENANT_ID, tenantId)
                .set(CATALOG_OUTBOX.KIND, kind)
                .set(CATALOG_OUTBOX.ENTITY_ID, entityId)
                .set(CATALOG_OUTBOX.OP, op)
                .execute();
    }

    /** Appends the same change of many entities in one statement; call it inside their transaction. */
    public static void appendAll(DSLContext tx, UUID tenantId, String kind, Collection<UUID> entityIds, String op) {
        if (entityIds.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(
                CATALOG_OUTBOX,
                CATALOG_OUTBOX.TENANT_ID,
                CATALOG_OUTBOX.KIND,
                CATALOG_OUTBOX.ENTITY_ID,
                CATALOG_OUTBOX.OP);
        for (UUID entityId : entityIds) {
            insert = insert.values(tenantId, kind, entityId, op);
        }
        insert.execute();
    }

    /**
     * The oldest pending changes of a tenant, at most {@code limit}, locked for the caller's
     * transaction; rows another transaction holds are skipped, so two indexers share the work.
     */
    public static List<OutboxEntry> claim(DSLContext tx, UUID tenantId, int limit) {
        return tx.selectFrom(CATALOG_OUTBOX)
                .where(CATALOG_OUTBOX.TENANT_ID.eq(tenantId))
                .orderBy(CATALOG_OUTBOX.ID)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch(row -> new OutboxEntry(
                        row.getId(),
                        row.getTenantId(),
                        row.getKind(),
                        row.getEntityId(),
                        row.getOp(),
                        row.getCreatedAt()));
    }

    /** Removes handled changes. */
    public static void remove(DSLContext tx, UUID tenantId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        tx.deleteFrom(CATALOG_OUTBOX)
                .where(CATALOG_OUTBOX.TENANT_ID.eq(tenantId))
                .and(CATALOG_OUTBOX.ID.in(ids))
                .execute();
    }
}
