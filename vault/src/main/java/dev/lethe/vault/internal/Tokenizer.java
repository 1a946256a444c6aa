package dev.lethe.vault.internal;

import dev.lethe.vault.Category;
import dev.lethe.vault.CategoryCatalog;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Tokenized;

/** Turns values into tokens of the requested kind. */
final class Tokenizer {
    private final KeyRing keys;
    private final CategoryCatalog catalog;
    private final int maxValueLength;

    Tokenizer(KeyRing keys, CategoryCatalog catalog, int maxValueLength) {
        this.keys = keys;
        this.catalog = catalog;
        this.maxValueLength = maxValueLength;
    }

    Tokenized tokenize(TokenizeRequest request) {
        String tenant = Inputs.required(request.tenant(), "tenant");
        Category category = catalog.require(request.category(), "category");
        TokenKind kind = request.kind();
        if (kind == null) {
            throw new InvalidInputException("kind", "required");
        }
        String subject = Inputs.optionalSubject(request.subject());
        if (kind == TokenKind.FORMAT_PRESERVING && !category.format().isDigitBased()) {
            throw new InvalidInputException("kind", "format-preserving tokens need a digit-based category");
        }
        if (kind == TokenKind.REDACT) {
            return new Tokenized(kind, null);
        }
        String value = Inputs.boundedValue(request.value(), maxValueLength);
        String token = switch (kind) {
            case DETERMINISTIC ->
                DeterministicTokens.tokenize(
                        tenant, keys.tenantKey(tenant), valueKey(tenant, subject), category, value);
            case FORMAT_PRESERVING -> FormatPreservingTokens.tokenize(valueKey(tenant, subject), category, value);
            case MASK -> Masks.mask(category, value);
            case HASH -> HashTokens.tokenize(keys.tenantKey(tenant), category, value);
            case REDACT -> throw new IllegalStateException("handled above");
        };
        return new Tokenized(kind, token);
    }

    /** The subject's key, or the tenant key for values without an identifiable subject. */
    DataKey valueKey(String tenant, String subject) {
        return subject == null ? keys.tenantKey(tenant) : keys.subjectKey(tenant, keys.subjectHash(tenant, subject));
    }
}
