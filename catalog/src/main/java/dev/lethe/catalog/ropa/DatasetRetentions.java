package dev.lethe.catalog.ropa;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;

import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.ropa.RecordOfProcessing.DatasetRetention;
import dev.lethe.catalog.taxonomy.Categories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Per dataset of the tenant, the retention policies that govern it and when each was last enforced: a
 * dataset policy governs its dataset; a category policy every dataset with a (not rejected) field in
 * that category, as the retention runs plan their tasks (so the record shows what is enforced). A
 * dataset no policy governs is listed too, with none: the gap an auditor looks for.
 */
final class DatasetRetentions {

    private final DSLContext dsl;

    DatasetRetentions(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<DatasetRetention> of(
            UUID tenantId, List<RetentionPolicy> policies, List<EnforcementHistory.Enforced> history) {
        Map<PolicyDataset, Instant> enforced = new HashMap<>();
        for (EnforcementHistory.Enforced entry : history) {
            enforced.merge(
                    new PolicyDataset(entry.policyId(), entry.datasetId()), entry.at(), DatasetRetentions::later);
        }
        Map<UUID, Set<String>> categories = categories(tenantId);
        List<DatasetRetention> rows = new ArrayList<>();
        dsl.select(DATASET.ID, DATASET.NAME, DATA_SYSTEM.NAME)
                .from(DATASET)
                .join(DATA_SYSTEM)
                .on(DATA_SYSTEM.TENANT_ID.eq(DATASET.TENANT_ID))
                .and(DATA_SYSTEM.ID.eq(DATASET.SYSTEM_ID))
                .where(DATASET.TENANT_ID.eq(tenantId))
                .orderBy(DATA_SYSTEM.NAME, DATASET.NAME, DATASET.ID)
                .forEach(dataset -> {
                    UUID id = dataset.value1();
                    Set<String> held = categories.getOrDefault(id, Set.of());
                    List<RetentionPolicy> governing = policies.stream()
                            .filter(policy -> id.equals(policy.datasetId())
                                    || policy.dataCategory() != null
                                            && held.stream()
                                                    .anyMatch(code -> Categories.within(code, policy.dataCategory())))
                            .sorted(Comparator.comparing(RetentionPolicy::name))
                            .toList();
                    if (governing.isEmpty()) {
                        rows.add(new DatasetRetention(
                                dataset.value3(), dataset.value2(), null, null, null, null, false, null));
                    }
                    for (RetentionPolicy policy : governing) {
                        rows.add(new DatasetRetention(
                                dataset.value3(),
                                dataset.value2(),
                                policy.name(),
                                policy.dataCategory() != null ? "category " + policy.dataCategory() : "dataset",
                                policy.period(),
                                policy.action().name(),
                                policy.enabled(),
                                enforced.get(new PolicyDataset(policy.id(), id))));
                    }
                });
        return rows;
    }

    /** The categories of each dataset's fields that are not rejected. */
    private Map<UUID, Set<String>> categories(UUID tenantId) {
        Map<UUID, Set<String>> categories = new HashMap<>();
        dsl.select(DATA_FIELD.DATASET_ID, DATA_FIELD.CATEGORIES)
                .from(DATA_FIELD)
                .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                .and(DATA_FIELD.STATUS.ne(FieldStatus.REJECTED.name()))
                .and(DSL.cardinality(DATA_FIELD.CATEGORIES).gt(0))
                .forEach(field -> categories
                        .computeIfAbsent(field.value1(), id -> new HashSet<>())
                        .addAll(Arrays.asList(field.value2())));
        return categories;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private record PolicyDataset(UUID policyId, UUID datasetId) {}
}
