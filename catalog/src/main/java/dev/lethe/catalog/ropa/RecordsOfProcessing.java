package dev.lethe.catalog.ropa;

import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;
import static dev.lethe.catalog.jooq.Tables.TENANT;

import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.processing.ProcessingActivity;
import dev.lethe.catalog.processing.SystemRef;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.ropa.RecordOfProcessing.Activity;
import dev.lethe.catalog.ropa.RecordOfProcessing.Retention;
import dev.lethe.catalog.ropa.RecordOfProcessing.Transfer;
import dev.lethe.catalog.taxonomy.Categories;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.Term;
import dev.lethe.catalog.taxonomy.TermKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record3;

/** Generates a tenant's record of processing from the catalog as it is now. Thread-safe. */
public final class RecordsOfProcessing {

    private final DSLContext dsl;
    private final ProcessingActivities activities;
    private final DataFlows flows;
    private final RetentionPolicies retention;
    private final Taxonomy taxonomy;
    private final EnforcementHistory enforcement;
    private final DatasetRetentions datasetRetentions;

    public RecordsOfProcessing(
            DSLContext dsl,
            ProcessingActivities activities,
            DataFlows flows,
            RetentionPolicies retention,
            Taxonomy taxonomy) {
        this(dsl, activities, flows, retention, taxonomy, EnforcementHistory.NONE);
    }

    /** @param enforcement when each retention policy was last enforced on each dataset */
    public RecordsOfProcessing(
            DSLContext dsl,
            ProcessingActivities activities,
            DataFlows flows,
            RetentionPolicies retention,
            Taxonomy taxonomy,
            EnforcementHistory enforcement) {
        this.dsl = dsl;
        this.activities = activities;
        this.flows = flows;
        this.retention = retention;
        this.taxonomy = taxonomy;
        this.enforcement = enforcement;
        this.datasetRetentions = new DatasetRetentions(dsl);
    }

    public RecordOfProcessing generate(UUID tenantId) {
        String controller = dsl.select(TENANT.NAME)
                .from(TENANT)
                .where(TENANT.ID.eq(tenantId))
                .fetchOptional(TENANT.NAME)
                .orElse("");
        Map<String, Term> purposes = byCode(taxonomy.list(tenantId, TermKind.PURPOSE));
        Set<String> special = taxonomy.list(tenantId, TermKind.DATA_CATEGORY).stream()
                .filter(Term::special)
                .map(Term::code)
                .collect(Collectors.toSet());
        Map<UUID, Record3<UUID, UUID, String>> datasets = dsl.select(DATASET.ID, DATASET.SYSTEM_ID, DATASET.NAME)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenantId))
                .fetchMap(DATASET.ID);
        Map<UUID, String> systemNames = dsl.select(DATA_SYSTEM.ID, DATA_SYSTEM.NAME)
                .from(DATA_SYSTEM)
                .where(DATA_SYSTEM.TENANT_ID.eq(tenantId))
                .fetchMap(DATA_SYSTEM.ID, DATA_SYSTEM.NAME);
        List<DataFlow> allFlows = flows.list(tenantId);
        List<RetentionPolicy> policies = retention.list(tenantId);
        List<Activity> entries = activities.list(tenantId).stream()
                .map(activity -> {
                    Set<UUID> systems =
                            activity.systems().stream().map(SystemRef::id).collect(Collectors.toSet());
                    Term purpose = purposes.get(activity.purpose());
                    return new Activity(
                            activity.name(),
                            activity.description(),
                            activity.purpose(),
                            purpose == null ? activity.purpose() : purpose.name(),
                            activity.legalBasis(),
                            activity.role(),
                            activity.subjectCategories(),
                            activity.dataCategories(),
                            activity.dataCategories().stream()
                                    .filter(code -> isSpecial(code, special))
                                    .toList(),
                            activity.recipients(),
                            transfers(activity, systems, allFlows, systemNames),
                            retention(activity, systems, policies, datasets, systemNames),
                            activity.systems().stream().map(SystemRef::name).toList());
                })
                .toList();
        return new RecordOfProcessing(
                tenantId,
                controller,
                Instant.now(),
                entries,
                datasetRetentions.of(tenantId, policies, enforcement.lastEnforced(tenantId)));
    }

    private static List<Transfer> transfers(
            ProcessingActivity activity, Set<UUID> systems, List<DataFlow> flows, Map<UUID, String> systemNames) {
        return flows.stream()
                .filter(flow -> activity.id().equals(flow.activityId())
                        || flow.activityId() == null && systems.contains(flow.fromSystemId()))
                .map(flow -> new Transfer(
                        flow.name(),
                        flow.externalRecipient() != null
                                ? flow.externalRecipient()
                                : systemNames.getOrDefault(flow.toSystemId(), ""),
                        flow.outsideEea(),
                        flow.destinationCountry(),
                        flow.safeguard()))
                .toList();
    }

    private static List<Retention> retention(
            ProcessingActivity activity,
            Set<UUID> systems,
            List<RetentionPolicy> policies,
            Map<UUID, Record3<UUID, UUID, String>> datasets,
            Map<UUID, String> systemNames) {
        return policies.stream()
                .map(policy -> {
                    if (policy.dataCategory() != null) {
                        boolean covers = activity.dataCategories().stream()
                                .anyMatch(code -> Categories.overlap(code, policy.dataCategory()));
                        return covers ? retention(policy, "category " + policy.dataCategory()) : null;
                    }
                    var dataset = datasets.get(policy.datasetId());
                    if (dataset == null || !systems.contains(dataset.value2())) {
                        return null;
                    }
                    return retention(
                            policy,
                            "dataset " + systemNames.getOrDefault(dataset.value2(), "") + "/" + dataset.value3());
                })
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static Retention retention(RetentionPolicy policy, String target) {
        return new Retention(
                policy.name(), target, policy.period(), policy.action().name(), policy.enabled());
    }

    /** {@code contact.email} is within {@code contact} and within itself. */
    private static boolean isSpecial(String code, Set<String> special) {
        return special.stream().anyMatch(marked -> Categories.within(code, marked));
    }

    private static Map<String, Term> byCode(List<Term> terms) {
        return terms.stream().collect(Collectors.toMap(Term::code, Function.identity(), (a, b) -> a));
    }
}
