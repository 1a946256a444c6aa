package dev.lethe.vault;

/** Permission names the vault checks. */
public final class VaultPermissions {
    /** Detokenize tokens of any category. */
    public static final String DETOKENIZE = "vault:detokenize";

    private VaultPermissions() {}

    /** Detokenize tokens of one category only, e.g. {@code vault:detokenize:contact.email}. */
    public static String detokenize(String category) {
        return DETOKENIZE + ":" + category;
    }

    /** Whether {@code principal} may detokenize tokens of {@code category}. */
    public static boolean mayDetokenize(Principal principal, String category) {
        return principal.has(DETOKENIZE) || principal.has(detokenize(category));
    }
}
