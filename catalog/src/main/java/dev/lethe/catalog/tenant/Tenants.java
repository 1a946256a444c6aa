package dev.lethe.catalog.tenant;

import static dev.lethe.catalog.jooq.Tables.TENANT;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Reads and creates tenants. Thread-safe. */
public final class Tenants {

    private final DSLContext dsl;

    public Tenants(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Tenant create(String slug, String name) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(TENANT)
                .set(TENANT.ID, id)
                .set(TENANT.SLUG, slug)
                .set(TENANT.NAME, name)
                .execute();
        return new Tenant(id, slug, name);
    }

    /** Every tenant, ordered by slug. */
    public List<Tenant> all() {
        return dsl.select(TENANT.ID, TENANT.SLUG, TENANT.NAME)
                .from(TENANT)
                .orderBy(TENANT.SLUG)
                .fetch(record -> new Tenant(record.value1(), record.value2(), record.value3()));
    }

    public Optional<Tenant> find(UUID id) {
        return dsl.select(TENANT.ID, TENANT.SLUG, TENANT.NAME)
                .from(TENANT)
                .where(TENANT.ID.eq(id))
                .fetchOptional(record -> new Tenant(record.value1(), record.value2(), record.value3()));
    }

    public Optional<Tenant> findBySlug(String slug) {
        return dsl.select(TENANT.ID, TENANT.SLUG, TENANT.NAME)
                .from(TENANT)
                .where(TENANT.SLUG.eq(slug))
                .fetchOptional(record -> new Tenant(record.value1(), record.value2(), record.value3()));
    }
}
