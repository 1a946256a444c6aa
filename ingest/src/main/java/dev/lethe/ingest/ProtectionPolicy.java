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

    /** What the API calls {@code "*"}: the kind for categories the policy does not name. */
    public static final String FALLBACK = "*";

    /**
     * A policy as the API writes it: category code (or {@code "*"}) → token kind name. Without a
     * {@code "*"} entry, what the policy does not name is redacted.
     *
     * @throws IllegalArgumentException naming an unknown token kind and the valid ones
     */
    public static ProtectionPolicy fromNames(Map<String, String> kindsByCategory) {
        var byCategory = new java.util.HashMap<String, TokenKind>();
        TokenKind fallback = TokenKind.REDACT;
        for (Map.Entry<String, String> entry : kindsByCategory.entrySet()) {
            TokenKind kind;
            try {
                kind = TokenKind.valueOf(String.valueOf(entry.getValue()).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown token kind '" + entry.getValue() + "' for '"
                        + entry.getKey() + "'; valid are " + java.util.List.of(TokenKind.values()));
            }
            if (entry.getKey().equals(FALLBACK)) {
                fallback = kind;
            } else {
                byCategory.put(entry.getKey(), kind);
            }
        }
        return new ProtectionPolicy(byCategory, fallback);
    }

    /** The policy as the API writes it. */
    public Map<String, String> toNames() {
        var names = new java.util.TreeMap<String, String>();
        byCategory.forEach((category, kind) -> names.put(category, kind.name()));
        names.put(FALLBACK, fallback.name());
        return names;
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
