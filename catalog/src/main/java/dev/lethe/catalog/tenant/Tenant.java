package dev.lethe.catalog.tenant;

import java.util.UUID;

/** A customer of Lethe; every tenant-owned row carries its id. */
public record Tenant(UUID id, String slug, String name) {

    /** The tenant that a fresh installation starts with (created by the baseline migration). */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
}
