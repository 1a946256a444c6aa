package dev.lethe.catalog.discovery;

import java.util.List;

/**
 * A dataset as a connector's discovery found it in a system.
 *
 * @param kind a {@link dev.lethe.catalog.dataset.DatasetKind} name
 * @param location where it is in its system, e.g. {@code public.orders}
 */
public record DiscoveredDataset(String name, String kind, String location, List<DiscoveredField> fields) {

    public DiscoveredDataset {
        fields = List.copyOf(fields);
    }
}
