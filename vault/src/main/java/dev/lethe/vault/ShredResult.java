package dev.lethe.vault;

import java.time.Instant;

/**
 * Result of {@link Vault#shred}.
 *
 * @param outcome what was found
 * @param at when this call ran
 */
public record ShredResult(ShredOutcome outcome, Instant at) {}
