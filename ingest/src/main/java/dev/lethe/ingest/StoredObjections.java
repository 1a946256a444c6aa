package dev.lethe.ingest;

import static dev.lethe.catalog.jooq.Tables.SUBJECT_OBJECTION;

import dev.lethe.catalog.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * {@link ObjectedPurposes} from the objections requests recorded ({@code subject_objection.stream_hashes},
 * V22), read per tenant, under row-level security, and kept for {@code refresh}: a new objection marks a
 * stream's records at the latest one refresh after it was recorded. Objections are few (one per approved
 * request), so a tenant's are held whole: hash → purposes. Thread-safe.
 */
public final class StoredObjections implements ObjectedPurposes {

    private final DSLContext dsl;
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, Loaded> tenants = new ConcurrentHashMap<>();

    private record Loaded(Instant at, Map<String, Set<String>> purposes) {}

    public StoredObjections(DSLContext dsl, Duration refresh, Clock clock) {
        this.dsl = dsl;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public Set<String> of(String tenant, String subjectHash) {
        Instant now = clock.instant();
        Loaded loaded = tenants.compute(
                tenant,
                (key, before) -> before != null && before.at().plus(refresh).isAfter(now) ? before : load(key, now));
        return loaded.purposes().getOrDefault(subjectHash, Set.of());
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
        return new Loaded(now, Map.copyOf(purposes));
    }
}
