package dev.lethe.app.catalog.search;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each tenant's search index in step with PostgreSQL: drains the tenant's catalog outbox
 * (reading each changed entity's current row, so replays and reordering are harmless) and
 * rebuilds the index from PostgreSQL on request. Work on one tenant is serialized within this
 * process. Thread-safe.
 */
final class CatalogIndexer {

    private static final Logger log = LoggerFactory.getLogger(CatalogIndexer.class);

    private final DSLContext dsl;
    private final Tenants tenants;
    private final CatalogIndex index;
    private final int batchSize;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    CatalogIndexer(DSLContext dsl, Tenants tenants, CatalogIndex index, int batchSize) {
        this.dsl = dsl;
        this.tenants = tenants;
        this.index = index;
        this.batchSize = batchSize;
    }

    /** One round over every tenant; a tenant that fails is retried in the next round. */
    void pollAll() {
        for (Tenant tenant : tenants.all()) {
            try {
                TenantContext.runAs(tenant.id(), () -> drain(tenant.id()));
            } catch (RuntimeException e) {
                // The outbox rows stay; the next round tries again.
                log.warn("Could not index the catalog of tenant {}: {}", tenant.slug(), e.toString());
            }
        }
    }

    /** Handles the tenant's pending changes; returns how many outbox rows it handled. */
    int drain(UUID tenantId) {
        return locked(tenantId, () -> {
            int handled = 0;
            int batch;
            do {
                batch = dsl.transactionResult(configuration -> handleBatch(DSL.using(configuration), tenantId));
                handled += batch;
            } while (batch == batchSize);
            return handled;
        });
    }

    /** Drops the tenant's index and indexes every system, dataset, field and activity again. */
    int rebuild(UUID tenantId) {
        return locked(tenantId, () -> {
            index.recreate(tenantId);
            int indexed = dsl.transactionResult(configuration -> {
                List<SearchDocument> batch = new ArrayList<>(batchSize);
                int[] count = new int[1];
                new SearchDocuments(DSL.using(configuration), tenantId).all(document -> {
                    batch.add(document);
                    count[0]++;
                    if (batch.size() == batchSize) {
                        index.write(tenantId, batch, List.of());
                        batch.clear();
                    }
                });
                index.write(tenantId, batch, List.of());
                return count[0];
            });
            index.refresh(tenantId);
            return indexed;
        });
    }

    private int handleBatch(DSLContext tx, UUID tenantId) {
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

    private <T> T locked(UUID tenantId, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(tenantId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
