package dev.lethe.catalog.discovery;

import java.util.List;

/**
 * A field as discovery found it: its type, the data categories a sample of its values suggests (never
 * the values) with the confidence in the first, and the identity type it seems to hold, or null.
 */
public record DiscoveredField(
        String path, String dataType, List<String> categories, double confidence, String suggestedIdentity) {

    public DiscoveredField {
        categories = List.copyOf(categories);
    }
}
