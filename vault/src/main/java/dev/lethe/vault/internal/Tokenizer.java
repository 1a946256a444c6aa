package dev.lethe.vault.internal;

import dev.lethe.vault.Category;
import dev.lethe.vault.CategoryCatalog;
import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.SubjectTokens;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Tokenized;
import dev.lethe.vault.keys.SubjectHash;

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
        return new Scope(request.tenant(), request.subject())
                .tokenize(request.category(), request.kind(), request.value());
    }

    SubjectTokens scope(String tenant, String subject) {
        return new Scope(tenant, subject);
    }

    /**
     * One subject's tokenization: the subject's hash and key are resolved on first need and then kept for
     * the scope's (short) life, so a record's values cost one key lookup and one HMAC, not one per value.
     */
    private final class Scope implements SubjectTokens {
        private final String tenant;
        private final String subject;
        private SubjectHash hash;
        private DataKey valueKey;

        Scope(String tenant, String subject) {
            this.tenant = tenant;
            this.subject = subject;
        }

        @Override
        public Tokenized tokenize(String categoryName, TokenKind kind, String value) {
            Inputs.required(tenant, "tenant");
            Category category = catalog.require(categoryName, "category");
            if (kind == null) {
                throw new InvalidInputException("kind", "required");
            }
            Inputs.optionalSubject(subject);
            if (kind == TokenKind.FORMAT_PRESERVING && !category.format().isDigitBased()) {
                throw new InvalidInputException("kind", "format-preserving tokens need a digit-based category");
            }
            if (kind == TokenKind.REDACT) {
                return new Tokenized(kind, null);
            }
            String checked = Inputs.boundedValue(value, maxValueLength);
            String token = switch (kind) {
                case DETERMINISTIC ->
                    DeterministicTokens.tokenize(tenant, keys.tenantKey(tenant), valueKey(), category, checked);
                case FORMAT_PRESERVING -> FormatPreservingTokens.tokenize(valueKey(), category, checked);
                case MASK -> Masks.mask(category, checked);
                case HASH -> HashTokens.tokenize(keys.tenantKey(tenant), category, checked);
                case REDACT -> throw new IllegalStateException("handled above");
            };
            return new Tokenized(kind, token);
        }

        @Override
        public SubjectHash subjectHash() {
            Inputs.required(tenant, "tenant");
            Inputs.required(subject, "subject");
            if (hash == null) {
                hash = keys.subjectHash(tenant, subject);
            }
            return hash;
        }

        /** The subject's key, or the tenant key for values without an identifiable subject. */
        private DataKey valueKey() {
            if (valueKey == null) {
                valueKey = subject == null ? keys.tenantKey(tenant) : keys.subjectKey(tenant, subjectHash());
            }
            return valueKey;
        }
    }
}
