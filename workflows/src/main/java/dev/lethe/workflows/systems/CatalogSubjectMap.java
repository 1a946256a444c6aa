package dev.lethe.workflows.systems;

import dev.lethe.catalog.subject.SubjectMapping;
import dev.lethe.connectors.spi.Reference;
import dev.lethe.connectors.spi.SubjectMap;

/** The connector SPI's view of the catalog's mapping of a subject in one system. */
public final class CatalogSubjectMap {

    private CatalogSubjectMap() {}

    public static SubjectMap of(SubjectMapping mapping) {
        return new SubjectMap(
                mapping.identityFields(),
                mapping.references().stream()
                        .map(link -> new Reference(link.from(), link.fromFields(), link.to(), link.toFields()))
                        .toList());
    }
}
