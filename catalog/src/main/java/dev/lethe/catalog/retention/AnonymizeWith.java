package dev.lethe.catalog.retention;

/**
 * What a policy whose action is ANONYMIZE writes into its fields: nothing ({@code NULL}), a mask, a keyed
 * hash (the vault's, by category: equal values stay equal, so statistics still join — but whoever holds
 * the tenant key can test a guess: pseudonymous), or a token under a key that is shredded once the purge
 * has finished ({@code TOKENIZE}, tokenize-then-shred: equal values keep equal tokens within the purge, and
 * no one can read them back: anonymous).
 */
public enum AnonymizeWith {
    NULL,
    MASK,
    HASH,
    TOKENIZE
}
