package dev.lethe.connectors.spi;

import java.util.List;

/**
 * Records of {@code from} refer to records of {@code to}: {@code fromFields} hold the values of
 * {@code toFields} (a foreign key, or a reference a person added to the catalog). Requests follow
 * references from a subject's records to the records that refer to them (an order's items).
 */
public record Reference(String from, List<String> fromFields, String to, List<String> toFields) {

    public Reference {
        fromFields = List.copyOf(fromFields);
        toFields = List.copyOf(toFields);
        if (fromFields.isEmpty() || fromFields.size() != toFields.size()) {
            throw new IllegalArgumentException("a reference pairs one or more fields on each side");
        }
    }
}
