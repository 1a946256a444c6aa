package dev.lethe.workflows.packages;

import static dev.lethe.catalog.jooq.Tables.REQUEST_PACKAGE;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.jooq.tables.records.RequestPackageRecord;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A request's access or export package: assembled once from the systems' parts into the store,
 * recorded with its size, SHA-256 and expiry, opened for download, and deleted when it expires. The
 * parts are deleted once the package is recorded; assembling again returns the recorded package, so
 * a retried activity neither rebuilds nor loses it.
 */
public final class RequestPackages {

    private final DSLContext dsl;
    private final PackageStore store;
    private final PackageParts parts;
    private final AuditTrail audit;
    private final Clock clock;

    public RequestPackages(DSLContext dsl, PackageStore store, AuditTrail audit, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.parts = new PackageParts(store);
        this.audit = audit;
        this.clock = clock;
    }

    /** Where the systems' records are written while they stream in. */
    public PackageParts parts() {
        return parts;
    }

    /**
     * Assembles the request's package from its systems' parts, unless it has one that has not expired.
     *
     * @param facts the Art. 15(1) facts for where the subject was found (e.g. {@link CatalogFacts#of})
     * @param ttl how long the package is kept
     */
    public StoredPackage assemble(
            UUID tenantId,
            UUID requestId,
            String requestType,
            List<String> systems,
            Function<Map<String, Set<String>>, Art15Facts> facts,
            Duration ttl) {
        Optional<StoredPackage> existing = latest(tenantId, requestId);
        if (existing.isPresent()) {
            systems.forEach(system -> parts.delete(tenantId, requestId, system));
            return existing.get();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        String key = "requests/" + requestId + "/package-" + id + ".zip";
        var assembled =
                new PackageAssembler(parts, store).assemble(tenantId, requestId, requestType, now, systems, facts, key);
        var stored = new StoredPackage(
                id, tenantId, requestId, key, assembled.size(), assembled.sha256(), now, now.plus(ttl));
        long records = assembled.records().values().stream()
                .flatMap(datasets -> datasets.values().stream())
                .mapToLong(Long::longValue)
                .sum();
        // Two runs of a retried activity may assemble at once: one package per request, the first recorded.
        Optional<StoredPackage> first = dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            tx.select(DSL.field(
                            "pg_advisory_xact_lock(hashtextextended({0}, 0))",
                            Object.class, DSL.val("package:" + requestId)))
                    .fetch();
            Optional<StoredPackage> recorded = latest(tx, tenantId, requestId);
            if (recorded.isPresent()) {
                return recorded;
            }
            tx.insertInto(REQUEST_PACKAGE)
                    .set(REQUEST_PACKAGE.ID, id)
                    .set(REQUEST_PACKAGE.TENANT_ID, tenantId)
                    .set(REQUEST_PACKAGE.REQUEST_ID, requestId)
                    .set(REQUEST_PACKAGE.OBJECT_KEY, key)
                    .set(REQUEST_PACKAGE.SIZE_BYTES, stored.size())
                    .set(REQUEST_PACKAGE.SHA256, stored.sha256())
                    .set(REQUEST_PACKAGE.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(REQUEST_PACKAGE.EXPIRES_AT, stored.expiresAt().atOffset(ZoneOffset.UTC))
                    .execute();
            audit.append(new AuditEvent(
                    tenantId,
                    Actor.system("requests"),
                    "request.package.assembled",
                    "request:" + requestId,
                    Map.of(
                            "package", id.toString(),
                            "sha256", stored.sha256(),
                            "bytes", Long.toString(stored.size()),
                            "records", Long.toString(records),
                            "systems", Integer.toString(systems.size()))));
            return Optional.<StoredPackage>empty();
        });
        if (first.isPresent()) {
            store.delete(tenantId, key);
            systems.forEach(system -> parts.delete(tenantId, requestId, system));
            return first.get();
        }
        systems.forEach(system -> parts.delete(tenantId, requestId, system));
        return stored;
    }

    /** The request's newest package that has neither expired nor been deleted. */
    public Optional<StoredPackage> latest(UUID tenantId, UUID requestId) {
        return latest(dsl, tenantId, requestId);
    }

    private Optional<StoredPackage> latest(DSLContext dsl, UUID tenantId, UUID requestId) {
        return dsl.selectFrom(REQUEST_PACKAGE)
                .where(REQUEST_PACKAGE.TENANT_ID.eq(tenantId))
                .and(REQUEST_PACKAGE.REQUEST_ID.eq(requestId))
                .and(REQUEST_PACKAGE.DELETED_AT.isNull())
                .and(REQUEST_PACKAGE.EXPIRES_AT.gt(clock.instant().atOffset(ZoneOffset.UTC)))
                .orderBy(REQUEST_PACKAGE.CREATED_AT.desc())
                .limit(1)
                .fetchOptional(RequestPackages::toPackage);
    }

    Optional<StoredPackage> find(UUID tenantId, UUID packageId) {
        return dsl.selectFrom(REQUEST_PACKAGE)
                .where(REQUEST_PACKAGE.TENANT_ID.eq(tenantId))
                .and(REQUEST_PACKAGE.ID.eq(packageId))
                .and(REQUEST_PACKAGE.DELETED_AT.isNull())
                .fetchOptional(RequestPackages::toPackage);
    }

    /** Records in the audit trail that {@code actor} downloaded the package (through the API, not a link). */
    public void recordDownload(StoredPackage stored, Actor actor) {
        audit.append(new AuditEvent(
                stored.tenantId(),
                actor,
                "request.package.downloaded",
                "request:" + stored.requestId(),
                Map.of("package", stored.id().toString(), "via", "api")));
    }

    /** The plaintext ZIP; the caller closes it. */
    public InputStream open(StoredPackage stored) {
        return store.read(stored.tenantId(), stored.objectKey());
    }

    /**
     * Deletes the tenant's expired packages: the store's object first, then the row is marked deleted
     * (it stays as the record that a package existed), each deletion audited.
     *
     * @return how many were deleted
     */
    public int deleteExpired(UUID tenantId) {
        List<StoredPackage> expired = dsl.selectFrom(REQUEST_PACKAGE)
                .where(REQUEST_PACKAGE.TENANT_ID.eq(tenantId))
                .and(REQUEST_PACKAGE.DELETED_AT.isNull())
                .and(REQUEST_PACKAGE.EXPIRES_AT.le(clock.instant().atOffset(ZoneOffset.UTC)))
                .orderBy(REQUEST_PACKAGE.EXPIRES_AT)
                .limit(1000)
                .fetch(RequestPackages::toPackage);
        for (StoredPackage stored : expired) {
            store.delete(tenantId, stored.objectKey());
            dsl.transaction(configuration -> {
                configuration
                        .dsl()
                        .update(REQUEST_PACKAGE)
                        .set(REQUEST_PACKAGE.DELETED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                        .where(REQUEST_PACKAGE.TENANT_ID.eq(tenantId))
                        .and(REQUEST_PACKAGE.ID.eq(stored.id()))
                        .execute();
                audit.append(new AuditEvent(
                        tenantId,
                        Actor.system("requests"),
                        "request.package.deleted",
                        "request:" + stored.requestId(),
                        Map.of("package", stored.id().toString(), "reason", "expired")));
            });
        }
        return expired.size();
    }

    private static StoredPackage toPackage(RequestPackageRecord row) {
        return new StoredPackage(
                row.getId(),
                row.getTenantId(),
                row.getRequestId(),
                row.getObjectKey(),
                row.getSizeBytes(),
                row.getSha256(),
                row.getCreatedAt().toInstant(),
                row.getExpiresAt().toInstant());
    }
}
