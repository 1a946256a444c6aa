package dev.lethe.vault.internal;

import dev.lethe.vault.Category;
import dev.lethe.vault.CategoryCatalog;
import dev.lethe.vault.DetokenizeOutcome;
import dev.lethe.vault.DetokenizeOutcome.Erased;
import dev.lethe.vault.DetokenizeOutcome.Rejected;
import dev.lethe.vault.DetokenizeOutcome.Revealed;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.keys.KeyId;

/** Turns one token back into its value, or says why it cannot. Permission and audit are the caller's. */
final class Detokenizer {
    private final KeyRing keys;
    private final CategoryCatalog catalog;

    /** A token whose kind and category are known, before any key is touched. */
    record Classified(TokenRef ref, TokenKind kind, Category category, byte[] payload) {}

    Detokenizer(KeyRing keys, CategoryCatalog catalog) {
        this.keys = keys;
        this.catalog = catalog;
    }

    /** Kind and category of a token; bad input if it is neither a vault token nor described by its ref. */
    Classified classify(TokenRef ref) {
        if (ref == null || ref.token() == null || ref.token().isEmpty()) {
            throw new InvalidInputException("token", "required");
        }
        String token = ref.token();
        if (token.startsWith(TokenText.DETERMINISTIC + "_") || token.startsWith(TokenText.HASH + "_")) {
            TokenText.Parsed parsed = TokenText.parse(token, catalog);
            TokenKind kind = parsed.kind().equals(TokenText.HASH) ? TokenKind.HASH : TokenKind.DETERMINISTIC;
            return new Classified(ref, kind, parsed.category(), parsed.payload());
        }
        if (ref.category() == null) {
            throw new InvalidInputException("token", "not a vault token; format-preserving tokens need a category");
        }
        Category category = catalog.require(ref.category(), "category");
        return new Classified(ref, TokenKind.FORMAT_PRESERVING, category, null);
    }

    DetokenizeOutcome reveal(String tenant, Classified token) {
        try {
            return switch (token.kind()) {
                case DETERMINISTIC -> deterministic(tenant, token);
                case FORMAT_PRESERVING -> formatPreserving(tenant, token);
                default -> new Rejected("token", "this kind of token is not reversible");
            };
        } catch (InvalidInputException e) {
            return new Rejected(e.field(), e.reason());
        }
    }

    private DetokenizeOutcome deterministic(String tenant, Classified token) {
        KeyId keyId = DeterministicTokens.keyId(keys.tenantKey(tenant), token.category(), token.payload());
        KeyRing.Lookup lookup = keys.keyById(tenant, keyId);
        if (lookup.key().isPresent()) {
            return new Revealed(
                    DeterministicTokens.detokenize(tenant, lookup.key().get(), token.category(), token.payload()));
        }
        return lookup.shred().isPresent() ? new Erased() : new Rejected("token", "unknown key");
    }

    /**
     * FF1 has no integrity check and no room for a key reference: the key comes from the subject named in
     * the request, and a token minted under a shredded key would decrypt under a newer key to wrong
     * digits. So a subject with any shred record and a current key created after it is ambiguous; we
     * still decrypt under the current key, which is right for every token minted since.
     */
    private DetokenizeOutcome formatPreserving(String tenant, Classified token) {
        String subject = Inputs.optionalSubject(token.ref().subject());
        if (subject == null) {
            return new Revealed(FormatPreservingTokens.detokenize(
                    keys.tenantKey(tenant), token.category(), token.ref().token()));
        }
        KeyRing.Lookup lookup = keys.existingSubjectKey(tenant, keys.subjectHash(tenant, subject));
        if (lookup.key().isPresent()) {
            return new Revealed(FormatPreservingTokens.detokenize(
                    lookup.key().get(), token.category(), token.ref().token()));
        }
        return lookup.shred().isPresent() ? new Erased() : new Rejected("subject", "no key for this subject");
    }
}
