package dev.lethe.workflows.packages;

import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.processing.ProcessingActivity;
import dev.lethe.catalog.processing.SystemRef;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.system.DataSystem;
import dev.lethe.catalog.system.DataSystems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads the Art. 15(1) facts from the catalog for where a subject was found: the processing activities
 * of those systems, the categories of those datasets, the flows from those systems to external
 * recipients, the retention policies on those datasets or categories, and the systems themselves.
 */
public final class CatalogFacts {

    private final DataSystems systems;
    private final Datasets datasets;
    private final ProcessingActivities activities;
    private final DataFlows flows;
    private final RetentionPolicies retention;

    public CatalogFacts(
            DataSystems systems,
            Datasets datasets,
            ProcessingActivities activities,
            DataFlows flows,
            RetentionPolicies retention) {
        this.systems = systems;
        this.datasets = datasets;
        this.activities = activities;
        this.flows = flows;
        this.retention = retention;
    }

    /** @param found system name → the names of the datasets the subject was found in */
    public Art15Facts of(UUID tenantId, Map<String, Set<String>> found) {
        Map<UUID, DataSystem> systemsById = new HashMap<>();
        for (DataSystem system : systems.list(tenantId, PageRequest.ALL)) {
            if (found.containsKey(system.name())) {
                systemsById.put(system.id(), system);
            }
        }
        Map<UUID, String> datasetNames = new HashMap<>();
        Set<String> categories = new TreeSet<>();
        List<Art15Facts.Source> sources = new ArrayList<>();
        for (DataSystem system : systemsById.values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList()) {
            Set<String> names = found.get(system.name());
            for (DatasetSummary dataset : datasets.list(tenantId, system.id(), null, PageRequest.ALL)) {
                if (names.contains(dataset.name())) {
                    datasetNames.put(dataset.id(), system.name() + "/" + dataset.name());
                    categories.addAll(dataset.categories());
                }
            }
            sources.add(new Art15Facts.Source(
                    system.name(), orEmpty(system.description()), List.copyOf(new TreeSet<>(names))));
        }
        List<Art15Facts.Purpose> purposes = new ArrayList<>();
        for (ProcessingActivity activity : activities.list(tenantId)) {
            if (activity.systems().stream().map(SystemRef::id).anyMatch(systemsById::containsKey)) {
                purposes.add(new Art15Facts.Purpose(
                        activity.name(),
                        orEmpty(activity.purpose()),
                        activity.legalBasis() == null
                                ? ""
                                : activity.legalBasis().name(),
                        activity.dataCategories()));
            }
        }
        List<Art15Facts.Recipient> recipients = new ArrayList<>();
        for (DataFlow flow : flows.list(tenantId)) {
            if (flow.externalRecipient() != null && systemsById.containsKey(flow.fromSystemId())) {
                recipients.add(new Art15Facts.Recipient(
                        flow.externalRecipient(),
                        orEmpty(flow.purpose()),
                        flow.dataCategories(),
                        flow.outsideEea(),
                        orEmpty(flow.destinationCountry()),
                        flow.safeguard() == null ? null : flow.safeguard().name()));
            }
        }
        List<Art15Facts.Retention> periods = new ArrayList<>();
        for (RetentionPolicy policy : retention.list(tenantId)) {
            if (policy.datasetId() != null && datasetNames.containsKey(policy.datasetId())) {
                periods.add(
                        new Art15Facts.Retention(policy.name(), datasetNames.get(policy.datasetId()), policy.period()));
            } else if (policy.dataCategory() != null && categories.contains(policy.dataCategory())) {
                periods.add(
                        new Art15Facts.Retention(policy.name(), "category:" + policy.dataCategory(), policy.period()));
            }
        }
        return new Art15Facts(purposes, List.copyOf(categories), recipients, periods, sources);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
