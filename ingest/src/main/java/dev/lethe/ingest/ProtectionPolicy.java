package dev.lethe.ingest;

import dev.lethe.vault.TokenKind;
import java.util.Map;
import java.util.Objects;

/**
 * Which token kind protects each data category of a stream: the most specific entry wins
 * ({@code contact.email}, then {@code contact}), then the fallback ({@code "*"} in the API).
 * Secrets never flow, whatever the policy says: they are always redacted.
 */
public record ProtectionPolicy(Map<String, TokenKind> byCategory, TokenKind fallback) {

    public ProtectionPolicy {
        byCategory = Map.copyOf(byCategory);
        Objects.requireNonNull(fallback, "fallback");
    }

    public TokenKind kindFor(String category) {
        if (category.equals("secret") || category.startsWith("secret.")) {
            return TokenKind.REDACT;
        }
        for (String code = category; ; code = code.substring(0, code.lastIndexOf('.'))) {
            TokenKind kind = byCategory.get(code);
            if (kind != null) {
                return kind;
            }
            if (code.indexOf('.') < 0) {
                return fallback;
            }
        }
    }
}
