package dev.lethe.workflows.steps;

import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.connectors.spi.SubjectMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a rectification writes in one system: the fields that hold what the subject corrects, named by
 * an identity type (the subject map's identity fields) or by a data category (CONFIRMED fields of the
 * catalog in datasets where the subject is found).
 */
final class CorrectedFields {

    /** One field of one dataset. */
    record Field(String dataset, String field) {}

    private final Datasets datasets;

    CorrectedFields(Datasets datasets) {
        this.datasets = datasets;
    }

    List<Field> holding(UUID tenantId, UUID systemId, SubjectMap map, String what) {
        List<Field> fields = new ArrayList<>();
        map.identityFields()
                .forEach((dataset, byField) -> byField.forEach((field, type) -> {
                    if (type.equals(what)) {
                        fields.add(new Field(dataset, field));
                    }
                }));
        for (DatasetSummary summary : datasets.list(tenantId, systemId, null, PageRequest.ALL)) {
            Optional<Dataset> dataset = datasets.find(tenantId, summary.id());
            for (DataField field : dataset.map(Dataset::fields).orElse(List.of())) {
                Field candidate = new Field(summary.name(), field.path());
                if (field.status() == FieldStatus.CONFIRMED
                        && field.categories().contains(what)
                        && map.identityFields().containsKey(summary.name())
                        && !fields.contains(candidate)) {
                    fields.add(candidate);
                }
            }
        }
        return fields;
    }
}
