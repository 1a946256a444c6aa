package dev.lethe.catalog.dataset;

import dev.lethe.catalog.change.Require;
import java.util.UUID;

/** A dataset as a client writes it; {@code location} is e.g. {@code public.orders} or a topic name. */
public record DatasetDraft(UUID systemId, String name, String kind, String location, String description) {

    public DatasetDraft {
        Require.present(systemId, "systemId");
        name = Require.text(name, "name");
        kind = Require.oneOf(DatasetKind.class, kind, "kind").name();
        location = Require.optional(location, "location");
        description = Require.optional(description, "description");
    }
}
