package dev.lethe.vault.keys;

/** Whom a data key belongs to. */
public enum KeyScope {
    /**
     * One per tenant: hashes subject ids, keys {@code HASH} tokens, encrypts token headers and protects
     * values that have no identifiable subject. Never shredded by a subject erasure.
     */
    TENANT,
    /** One per data subject at a time: protects that subject's reversible tokens; shredding deletes it. */
    SUBJECT
}
