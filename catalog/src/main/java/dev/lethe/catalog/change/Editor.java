package dev.lethe.catalog.change;

import dev.lethe.catalog.audit.Actor;
import java.util.Objects;
import java.util.UUID;

/** Who changes the catalog, and in which tenant: every write names both. */
public record Editor(UUID tenantId, Actor actor) {

    public Editor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
    }

    /** How the created_by/updated_by columns name the actor, e.g. {@code api_key:3f…}. */
    public String by() {
        return actor.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + actor.id();
    }
}
