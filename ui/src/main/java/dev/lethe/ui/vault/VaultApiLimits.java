package dev.lethe.ui.vault;

/**
 * The vault API's limits, taken from {@code lethe.vault.*} by the application (which owns the
 * properties): most items per batch call ({@code max-batch}) and keys re-wrapped per batch of a KEK
 * rotation ({@code rotation.batch-size}).
 */
public record VaultApiLimits(int maxBatch, int rotationBatchSize) {}
