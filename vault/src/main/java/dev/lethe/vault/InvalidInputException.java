package dev.lethe.vault;

/**
 * Bad input: unknown kind or category, malformed or tampered token, value too long or of the wrong
 * format. {@link #field()} names the offending request field (REST maps it to a 400 problem).
 */
public final class InvalidInputException extends VaultException {
    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** Why the field is bad, without the field's content. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
