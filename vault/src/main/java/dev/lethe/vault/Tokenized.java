package dev.lethe.vault;

/**
 * The protected form of a value.
 *
 * @param kind how it was protected
 * @param token the token, mask or hash; null exactly when {@code kind} is {@link TokenKind#REDACT}
 */
public record Tokenized(TokenKind kind, String token) {
    public boolean redacted() {
        return token == null;
    }
}
