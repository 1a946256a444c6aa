package dev.lethe.vault;

import dev.lethe.vault.keys.SubjectHash;
import java.util.List;

/**
 * Tokenization, detokenization and crypto-shredding for one deployment (all tenants). Build one with
 * {@link VaultBuilder}. Thread-safe; meant to be a singleton.
 *
 * <p>Errors: {@link InvalidInputException} for bad input, {@link PermissionDeniedException}, {@link
 * SubjectErasedException}; failures of the KMS or the key store propagate as their own unchecked
 * exceptions ({@link dev.lethe.vault.kms.KmsException} or the repository's).
 */
public interface Vault {

    /** Protects one value. The subject's key is created on first use. */
    Tokenized tokenize(TokenizeRequest request);

    /**
     * The tokenization of one record's values of {@code subject} (null: values without a subject, under the
     * tenant key): the hash and key are looked up once for all of them. Nothing is checked or created until
     * the handle is used.
     */
    SubjectTokens tokensFor(String tenant, String subject);

    /** Protects many values; results are in request order. Fails as a whole on the first bad request. */
    List<Tokenized> tokenizeAll(List<TokenizeRequest> requests);

    /**
     * Reveals one token. Needs {@link VaultPermissions#DETOKENIZE} (or its per-category form) and a
     * purpose; audited.
     *
     * @throws SubjectErasedException if the token's subject was shredded
     * @throws InvalidInputException if the token is malformed, tampered with or not reversible
     */
    String detokenize(Principal principal, DetokenizeRequest request);

    /**
     * Reveals a batch of tokens in one audited call; one outcome per token, in order. The call fails as a
     * whole only for a missing permission or bad request fields (tenant, purpose, request id, size).
     */
    List<DetokenizeOutcome> detokenizeAll(Principal principal, DetokenizeRequest request);

    /**
     * Destroys the subject's key, so every token ever minted for them becomes unreadable wherever it is
     * kept. Idempotent; audited. A later tokenization for the subject creates a new, unrelated key.
     *
     * @param actor who asks (user or system principal name), recorded
     * @param requestId the erasure request this belongs to, recorded
     */
    ShredResult shred(String tenant, String subject, String actor, String requestId);

    /**
     * Drops the subject's unwrapped key from this process's cache. For the application to call when
     * another process shredded the subject, so this one need not wait for the cache's maximum age.
     */
    void evictSubject(String tenant, String subject);

    /**
     * The subject's keyed hash (HMAC-SHA-256 under the tenant key), the same the key store uses: how
     * the rest of the platform (the subject locator, requests) names a subject without keeping its
     * identifier. Deterministic per tenant; creates the tenant key on first use.
     */
    SubjectHash subjectHash(String tenant, String subject);

    /** KEK rotation for the keys this vault manages. */
    KekRotation kekRotation();
}
