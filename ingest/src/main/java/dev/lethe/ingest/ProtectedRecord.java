package dev.lethe.ingest;

import dev.lethe.vault.TokenKind;
import java.util.Map;
import java.util.Set;

/**
 * A record with its personal data replaced by tokens, ready for the target topic.
 *
 * @param json the clean record (UTF-8 JSON)
 * @param subject the data subject's id from the stream's subject path, or null when the record has
 *     none (then it was protected under the tenant's key)
 * @param categories the data categories found, for the locator and the catalog
 * @param replacements how many values each token kind replaced
 */
public record ProtectedRecord(
        byte[] json, String subject, Set<String> categories, Map<TokenKind, Integer> replacements) {

    public ProtectedRecord {
        categories = Set.copyOf(categories);
        replacements = Map.copyOf(replacements);
    }
}
