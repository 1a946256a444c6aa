package dev.lethe.catalog.search;

import dev.lethe.catalog.outbox.CatalogOutbox;
import dev.lethe.catalog.outbox.OutboxEntry;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each tenant's search index in step with PostgreSQL: drains the tenant's catalog outbox
 * (reading each changed entity's current row, so replays and reordering are harmless) and
 * rebuilds the index from PostgreSQL on request, into a new index that replaces the old one
 * atomically (see {@link #rebuild}). Thread-safe, and safe with several instances on one database.
 *
 * <p><b>Changes during a rebuild are never lost.</b> Draining and rebuilding a tenant exclude each
 * other through a PostgreSQL advisory lock, so the rule also holds across instances: a drain
 * holds the tenant's lock shared for its transaction (drains still share the work through
 * {@code skip locked}); a rebuild holds it exclusively from before it reads PostgreSQL until
 * the alias points to the new index. A rebuild therefore starts after every drain before it has
 * committed (its reads see everything those drains removed from the outbox), and while it runs
 * the indexer skips the tenant, leaving new outbox rows in place; after the swap they are
 * applied to the new index through the alias. A change that the rebuild already read is simply
 * applied twice. The price: changes made during a rebuild reach the search only once it ends
 * (searches meanwhile answer from the old index). Writing to both indexes during the rebuild was
 * the alternative; it needs the drains to know the new index and lets a rebuild's older read
 * overwrite a drain's newer one.
 */
public final class CatalogIndexer {

    private static final Logger log = LoggerFactory.getLogger(CatalogIndexer.class);
    /** The advisory-lock class of the catalog index (two-key form: apart from the audit chain's keys). */
    private static final int LOCK_CLASS = 0x4c435349;

    private final DSLContext dsl;
    private final Tenants tenants;
    private final CatalogIndex index;
    private final int batchSize;

    public CatalogIndexer(DSLContext dsl, Tenants tenants, CatalogIndex index, int batchSize) {
        this.dsl = dsl;
        this.tenants = tenants;
        this.index = index;
        this.batchSize = batchSize;
    }

    /** One round over every tenant; a tenant that fails, or is being rebuilt, is handled in a later round. */
    public void pollAll() {
        for (Tenant tenant : tenants.all()) {
            try {
                TenantContext.runAs(tenant.id(), () -> drain(tenant.id()));
            } catch (RuntimeException e) {
                // The outbox rows stay; the next round tries again.
                log.warn("Could not index the catalog of tenant {}: {}", tenant.slug(), e.toString());
            }
        }
    }

    /**
     * Handles the tenant's pending changes; returns how many outbox rows it handled (none while
     * the tenant is being rebuilt).
     */
    int drain(UUID tenantId) {
        int handled = 0;
        int batch;
        do {
            batch = dsl.transactionResult(configuration -> handleBatch(DSL.using(configuration), tenantId));
            handled += batch;
        } while (batch == batchSize);
        return handled;
    }

    /**
     * Indexes every system, dataset, field and activity of the tenant into a new index, then
     * points the tenant's alias to it and deletes the old one; searches answer from the old index
     * until the swap. Waits for a running drain or rebuild of the tenant first.
     */
    public int rebuild(UUID tenantId) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            tx.select(DSL.function("pg_advisory_xact_lock", Object.class, lockKey(tenantId)))
                    .fetch();
            String generation = index.createGeneration(tenantId);
            try {
                int indexed = fill(tx, tenantId, generation);
                index.publish(tenantId, generation);
                log.info("Rebuilt the search index of tenant {}: {} documents in {}", tenantId, indexed, generation);
                return indexed;
            } catch (RuntimeException e) {
                index.discard(tenantId, generation);
                throw e;
            }
        });
    }

    private int fill(DSLContext tx, UUID tenantId, String generation) {
        List<SearchDocument> batch = new ArrayList<>(batchSize);
        int[] count = new int[1];
        new SearchDocuments(tx, tenantId).all(document -> {
            batch.add(document);
            count[0]++;
            if (batch.size() == batchSize) {
                index.writeTo(generation, batch, List.of());
                batch.clear();
            }
        });
        index.writeTo(generation, batch, List.of());
        return count[0];
    }

    private int handleBatch(DSLContext tx, UUID tenantId) {
        boolean noRebuild = tx.select(
                        DSL.function("pg_try_advisory_xact_lock_shared", Boolean.class, lockKey(tenantId)))
                .fetchSingle()
                .value1();
        if (!noRebuild) {
            // A rebuild runs: these changes wait in the outbox and go to its new index after the swap.
            return 0;
        }
        List<OutboxEntry> entries = CatalogOutbox.claim(tx, tenantId, batchSize);
        if (entries.isEmpty()) {
            return 0;
        }
        Map<String, Set<UUID>> changed = new TreeMap<>();
        for (OutboxEntry entry : entries) {
            changed.computeIfAbsent(entry.kind(), kind -> new LinkedHashSet<>()).add(entry.entityId());
        }
        SearchDocuments documents = new SearchDocuments(tx, tenantId);
        Map<String, SearchDocument> current = new LinkedHashMap<>();
        changed.forEach((kind, ids) -> documents.current(kind, ids).forEach(d -> current.put(d.id(), d)));
        Set<String> gone = changed.values().stream()
                .flatMap(Set::stream)
                .map(UUID::toString)
                .filter(id -> !current.containsKey(id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        index.ensure(tenantId);
        index.write(tenantId, current.values(), gone);
        CatalogOutbox.remove(tx, tenantId, entries.stream().map(OutboxEntry::id).toList());
        return entries.size();
    }

    private static Field<?>[] lockKey(UUID tenantId) {
        return new Field<?>[] {DSL.val(LOCK_CLASS), DSL.val(tenantId.hashCode())};
    }
}
