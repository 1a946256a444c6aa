package dev.lethe.workflows.steps;

import static dev.lethe.catalog.jooq.Tables.REQUEST_SYSTEM;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a request did in each system (the system's report) and what verification found after an
 * erasure, as JSON next to the system's progress: what receipts are made of. No personal data: dataset
 * and field names, strategies, counts, reasons. Callers set the tenant ({@code TenantContext}).
 */
public final class SystemResults {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final DSLContext dsl;

    public SystemResults(DSLContext dsl) {
        this.dsl = dsl;
    }

    void recordOutcome(UUID tenantId, UUID requestId, UUID connectionId, Map<String, Object> outcome) {
        write(tenantId, requestId, connectionId, REQUEST_SYSTEM.OUTCOME, outcome);
    }

    void recordVerification(UUID tenantId, UUID requestId, UUID connectionId, Map<String, Object> verification) {
        write(tenantId, requestId, connectionId, REQUEST_SYSTEM.VERIFICATION, verification);
    }

    /**
     * The subject's records per dataset as counted before the system's first erasure attempt, if an
     * attempt has counted them (it is recorded as the system's outcome until the system's report).
     */
    Optional<Map<String, Long>> before(UUID tenantId, UUID requestId, UUID connectionId) {
        Object before = outcomes(tenantId, requestId)
                .getOrDefault(connectionId, Map.of())
                .get("before");
        if (!(before instanceof Map<?, ?> counts)) {
            return Optional.empty();
        }
        Map<String, Long> records = new LinkedHashMap<>();
        counts.forEach((dataset, count) -> records.put((String) dataset, ((Number) count).longValue()));
        return Optional.of(records);
    }

    void recordBefore(UUID tenantId, UUID requestId, UUID connectionId, Map<String, Long> counts) {
        write(tenantId, requestId, connectionId, REQUEST_SYSTEM.OUTCOME, Map.of("before", counts));
    }

    /** Per connection, its recorded outcome (systems without one are left out). */
    public Map<UUID, Map<String, Object>> outcomes(UUID tenantId, UUID requestId) {
        return read(tenantId, requestId, REQUEST_SYSTEM.OUTCOME);
    }

    /** Per connection, its recorded verification (systems without one are left out). */
    public Map<UUID, Map<String, Object>> verifications(UUID tenantId, UUID requestId) {
        return read(tenantId, requestId, REQUEST_SYSTEM.VERIFICATION);
    }

    private void write(
            UUID tenantId, UUID requestId, UUID connectionId, Field<JSONB> column, Map<String, Object> value) {
        dsl.update(REQUEST_SYSTEM)
                .set(column, JSONB.valueOf(JSON.writeValueAsString(value)))
                .where(REQUEST_SYSTEM.TENANT_ID.eq(tenantId))
                .and(REQUEST_SYSTEM.REQUEST_ID.eq(requestId))
                .and(REQUEST_SYSTEM.CONNECTION_ID.eq(connectionId))
                .execute();
    }

    private Map<UUID, Map<String, Object>> read(UUID tenantId, UUID requestId, Field<JSONB> column) {
        Map<UUID, Map<String, Object>> results = new LinkedHashMap<>();
        dsl.select(REQUEST_SYSTEM.CONNECTION_ID, column)
                .from(REQUEST_SYSTEM)
                .where(REQUEST_SYSTEM.TENANT_ID.eq(tenantId))
                .and(REQUEST_SYSTEM.REQUEST_ID.eq(requestId))
                .and(column.isNotNull())
                .orderBy(REQUEST_SYSTEM.NAME, REQUEST_SYSTEM.CONNECTION_ID)
                .forEach(row ->
                        results.put(row.value1(), JSON.readValue(row.value2().data(), OBJECT)));
        return results;
    }
}
