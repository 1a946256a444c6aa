package dev.lethe.workflows.retention;

/**
 * A field an ANONYMIZE task erases in place, fixed when the run is planned.
 *
 * @param category the field's data category the policy is about (HASH keys by it)
 * @param strategy {@code NULL}, {@code MASK} or {@code HASH} (the policy's {@code anonymize_with})
 */
record AnonymizedField(String field, String category, String strategy) {}
