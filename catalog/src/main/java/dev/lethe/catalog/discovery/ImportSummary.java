package dev.lethe.catalog.discovery;

import java.util.List;
import java.util.UUID;

/**
 * What importing a discovery did to the catalog: counts, and per dataset what happened to its fields.
 * Fields already CONFIRMED or REJECTED are {@code kept}: discovery never overrides a person's decision.
 */
public record ImportSummary(
        UUID systemId,
        int datasetsFound,
        int datasetsCreated,
        int datasetsChanged,
        int fieldsFound,
        int fieldsCreated,
        int fieldsChanged,
        int fieldsKept,
        int referencesFound,
        int referencesCreated,
        List<DatasetOutcome> datasets) {

    public ImportSummary {
        datasets = List.copyOf(datasets);
    }

    /**
     * One dataset's share.
     *
     * @param categories the data categories found in its fields, sorted
     * @param identities the identity types suggested for its fields, sorted
     */
    public record DatasetOutcome(
            UUID id,
            String name,
            boolean created,
            int fieldsFound,
            int fieldsCreated,
            int fieldsChanged,
            int fieldsKept,
            List<String> categories,
            List<String> identities) {

        public DatasetOutcome {
            categories = List.copyOf(categories);
            identities = List.copyOf(identities);
        }
    }
}
