package dev.lethe.catalog.system;

import dev.lethe.catalog.change.Require;

/** A system as a client writes it. {@code environment} defaults to PRODUCTION. */
public record SystemDraft(
        String name, String description, String ownerTeam, String contact, String environment, String hostingRegion) {

    public SystemDraft {
        name = Require.text(name, "name");
        description = Require.optional(description, "description");
        ownerTeam = Require.optional(ownerTeam, "ownerTeam");
        contact = Require.optional(contact, "contact");
        environment = environment == null
                ? Environment.PRODUCTION.name()
                : Require.oneOf(Environment.class, environment, "environment").name();
        hostingRegion = Require.optional(hostingRegion, "hostingRegion");
    }
}
