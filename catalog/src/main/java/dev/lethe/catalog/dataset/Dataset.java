package dev.lethe.catalog.dataset;

import dev.lethe.catalog.change.Revision;
import java.util.List;
import java.util.UUID;

/** A table, topic, index, API or file set of a system, with its fields. */
public record Dataset(
        UUID id,
        UUID systemId,
        String name,
        DatasetKind kind,
        String location,
        String description,
        Revision revision,
        List<DataField> fields) {}
