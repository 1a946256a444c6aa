package dev.lethe.workflows.run;

import java.util.UUID;

/**
 * Whether an erasure took effect in one system: the subject located there again after the erasure.
 *
 * @param verified nothing the plan erases is left
 * @param remaining records the plan erases that were still found (0 when verified)
 */
public record Verification(UUID connectionId, boolean verified, long remaining) {}
