package dev.lethe.vault.internal;

import dev.lethe.vault.Category;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Keyed-hash tokens: HMAC-SHA-256 under the tenant key of the category and value. The category is mixed
 * in so that equal values in different categories do not join; the tenant key so that hashes cannot be
 * recomputed from guessed values outside the vault.
 */
final class HashTokens {
    private HashTokens() {}

    static String tokenize(DataKey tenantKey, Category category, String value) {
        byte[] input = (category.name() + "\0" + value).getBytes(StandardCharsets.UTF_8);
        try {
            return TokenText.format(
                    TokenText.HASH, category, tenantKey.tokenHash().compute(input, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }
}
