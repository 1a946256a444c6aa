package dev.lethe.catalog.dataset;

import dev.lethe.catalog.change.Revision;
import java.util.List;
import java.util.UUID;

/**
 * A dataset as lists show it: what it is, how many fields it has and which data categories they
 * hold, without the fields themselves (those are a page of {@code /fields?datasetId=} away). A list
 * of full datasets would carry every field of every dataset on the page.
 *
 * @param categories the distinct categories of its fields that are not REJECTED, sorted
 */
public record DatasetSummary(
        UUID id,
        UUID systemId,
        String name,
        DatasetKind kind,
        String location,
        String description,
        Revision revision,
        int fieldCount,
        List<String> categories) {}
