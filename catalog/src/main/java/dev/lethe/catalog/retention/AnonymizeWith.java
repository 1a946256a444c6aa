package dev.lethe.catalog.retention;

/**
 * What a policy whose action is ANONYMIZE writes into its fields: nothing ({@code NULL}), a mask, or a
 * keyed hash (the vault's, by category: equal values stay equal, so statistics still join).
 */
public enum AnonymizeWith {
    NULL,
    MASK,
    HASH
}
