package dev.lethe.catalog.reference;

import dev.lethe.catalog.change.Revision;
import java.util.List;
import java.util.UUID;

/**
 * Records of the dataset {@code fromDatasetId} refer to records of {@code toDatasetId}: {@code
 * fromFields} hold the values of {@code toFields}, pairwise (an order's {@code customer_id} holds a
 * customer's {@code id}).
 */
public record DatasetReference(
        UUID id,
        UUID fromDatasetId,
        List<String> fromFields,
        UUID toDatasetId,
        List<String> toFields,
        ReferenceSource source,
        Revision revision) {

    public DatasetReference {
        fromFields = List.copyOf(fromFields);
        toFields = List.copyOf(toFields);
    }
}
