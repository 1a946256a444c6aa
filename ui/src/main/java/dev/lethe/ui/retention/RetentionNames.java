package dev.lethe.ui.retention;

import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.system.DataSystem;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.Term;
import dev.lethe.catalog.taxonomy.TermKind;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The names the retention pages show instead of ids: systems, datasets ({@code system / dataset}) and
 * data categories of one tenant, read once per page.
 */
@Component
class RetentionNames {

    /** A choice in a form's list: the value posted and what the person reads. */
    record Choice(String value, String label) {}

    /** The tenant's names at the time of the page. */
    record Lookup(Map<UUID, String> systems, Map<UUID, String> datasets, List<Term> categories) {

        String system(UUID id) {
            return id == null ? "" : systems.getOrDefault(id, "unknown system");
        }

        String dataset(UUID id) {
            return id == null ? "" : datasets.getOrDefault(id, "unknown dataset");
        }

        /** Where a policy or hold can point: {@code dataset:<id>}, {@code system:<id>}, {@code category:<code>}. */
        List<Choice> datasetChoices() {
            return datasets.entrySet().stream()
                    .map(entry -> new Choice("dataset:" + entry.getKey(), entry.getValue()))
                    .sorted(Comparator.comparing(Choice::label))
                    .toList();
        }

        List<Choice> systemChoices() {
            return systems.entrySet().stream()
                    .map(entry -> new Choice("system:" + entry.getKey(), entry.getValue()))
                    .toList();
        }

        List<Choice> categoryChoices() {
            return categories.stream()
                    .map(term -> new Choice("category:" + term.code(), term.code() + " — " + term.name()))
                    .toList();
        }
    }

    private final DataSystems systems;
    private final Datasets datasets;
    private final Taxonomy taxonomy;

    RetentionNames(DataSystems systems, Datasets datasets, Taxonomy taxonomy) {
        this.systems = systems;
        this.datasets = datasets;
        this.taxonomy = taxonomy;
    }

    Lookup of(UUID tenant) {
        Map<UUID, String> systemNames = new LinkedHashMap<>();
        for (DataSystem system : systems.list(tenant, PageRequest.ALL)) {
            systemNames.put(system.id(), system.name());
        }
        Map<UUID, String> datasetNames = new LinkedHashMap<>();
        for (DatasetSummary dataset : datasets.list(tenant, null, null, PageRequest.ALL)) {
            datasetNames.put(dataset.id(), systemNames.getOrDefault(dataset.systemId(), "?") + " / " + dataset.name());
        }
        return new Lookup(systemNames, datasetNames, taxonomy.list(tenant, TermKind.DATA_CATEGORY));
    }
}
