package dev.lethe.catalog.discovery;

import java.util.List;

/** A reference discovery found, by dataset names: {@code fromFields} of one hold {@code toFields} of the other. */
public record DiscoveredReference(
        String fromDataset, List<String> fromFields, String toDataset, List<String> toFields) {

    public DiscoveredReference {
        fromFields = List.copyOf(fromFields);
        toFields = List.copyOf(toFields);
    }
}
