package dev.lethe.vault;

import dev.lethe.vault.keys.SubjectHash;

/**
 * The tokenization of one record's values of one data subject (or of no subject): the subject's keyed
 * hash and key are looked up once, on first need, instead of once per value. Get one from {@link
 * Vault#tokensFor}.
 *
 * <p>Short-lived and not thread-safe: use one per record (or per batch of one subject) on one thread, never
 * keep it. It holds the subject's key from its first use on, so a shred that completes while it is in use
 * reaches it only at the next handle — as it would reach a single {@link Vault#tokenize} already under way.
 * Each call validates and fails like {@link Vault#tokenize} with the handle's tenant and subject.
 */
public interface SubjectTokens {

    /** As {@link Vault#tokenize} with this handle's tenant and subject. */
    Tokenized tokenize(String category, TokenKind kind, String value);

    /** As {@link Vault#subjectHash} for this handle's tenant and subject; the subject must not be null. */
    SubjectHash subjectHash();
}
