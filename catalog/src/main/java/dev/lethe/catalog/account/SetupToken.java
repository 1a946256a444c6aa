package dev.lethe.catalog.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A one-time link's token as stored (never the token itself): whose account it sets up, until when,
 * and whether it was used.
 */
public record SetupToken(UUID tenantId, UUID userId, Instant expiresAt, Instant usedAt) {

    /** True when the link may still be used at {@code now}. */
    public boolean usableAt(Instant now) {
        return usedAt == null && expiresAt.isAfter(now);
    }
}
