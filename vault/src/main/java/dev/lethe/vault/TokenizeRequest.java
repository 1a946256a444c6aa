package dev.lethe.vault;

/**
 * A value to protect.
 *
 * @param tenant the tenant; required
 * @param subject the data subject's identifier, or null when the value has no identifiable subject (it is
 *     then protected under the tenant key and is not erased by any subject's shred)
 * @param category the category name, from the vault's {@link CategoryCatalog}
 * @param kind how to protect it
 * @param value the value; required and non-empty
 */
public record TokenizeRequest(String tenant, String subject, String category, TokenKind kind, String value) {
    /** Omits the value: requests end up in logs and exception traces. */
    @Override
    public String toString() {
        return "TokenizeRequest[tenant=" + tenant + ", category=" + category + ", kind=" + kind + "]";
    }
}
