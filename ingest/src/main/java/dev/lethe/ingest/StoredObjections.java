package dev.lethe.ingest;

import static dev.lethe.catalog.jooq.Tables.SUBJECT_OBJECTION;
import static dev.lethe.catalog.jooq.Tables.SUBJECT_RESTRICTION;

import dev.lethe.catalog.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * {@link ObjectedPurposes} from the objections and restrictions (not lifted) requests recorded ({@code
 * subject_objection.stream_hashes}, {@code subject_restriction.stream_hashes}, V22), read per tenant, under row-level security, and kept for {@code refresh}: a new objection marks a
 * stream's records at the latest one refresh after it was recorded. Objections are few (one per approved
 * request), so a tenant's are held whole: hash → purposes. Thread-safe.
 */
public final class StoredObjections implements ObjectedPurposes {

    private final DSLContext dsl;
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, Loaded> tenants = new ConcurrentHashMap<>();

    private record Loaded(Instant at, Map<String, Set<String>> purposes, Set<String> restricted) {}

    public StoredObjections(DSLContext dsl, Duration refresh, Clock clock) {
        this.dsl = dsl;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public Set<String> of(String tenant, String subjectHash) {
        return loaded(tenant).purposes().getOrDefault(subjectHash, Set.of());
    }

    @Override
    public boolean restricted(String tenant, String subjectHash) {
        return loaded(tenant).restricted().contains(subjectHash);
    }

    private Loaded loaded(String tenant) {
        Instant now = clock.instant();
        return tenants.compute(
                tenant,
                (key, before) -> before != null && before.at().plus(refresh).isAfter(now) ? before : load(key, now));
    }

    private Loaded load(String tenant, Instant now) {
        UUID tenantId = UUID.fromString(tenant);
        Map<String, Set<String>> purposes = new HashMap<>();
        TenantContext.callAs(
                        tenantId,
                        () -> dsl.select(SUBJECT_OBJECTION.STREAM_HASHES, SUBJECT_OBJECTION.PURPOSE)
                                .from(SUBJECT_OBJECTION)
                                .where(SUBJECT_OBJECTION.TENANT_ID.eq(tenantId))
                                .fetch())
                .forEach(row -> {
                    for (String hash : row.value1()) {
                        purposes.computeIfAbsent(hash, key -> new TreeSet<>()).add(row.value2());
                    }
                });
        purposes.replaceAll((hash, set) -> Set.copyOf(set));
        Set<String> restricted = new HashSet<>();
        TenantContext.callAs(
                        tenantId,
                        () -> dsl.select(SUBJECT_RESTRICTION.STREAM_HASHES)
                                .from(SUBJECT_RESTRICTION)
                                .where(SUBJECT_RESTRICTION.TENANT_ID.eq(tenantId))
                                .and(SUBJECT_RESTRICTION.LIFTED_AT.isNull())
                                .fetch(SUBJECT_RESTRICTION.STREAM_HASHES))
                .forEach(hashes -> restricted.addAll(List.of(hashes)));
        return new Loaded(now, Map.copyOf(purposes), Set.copyOf(restricted));
    }
}
