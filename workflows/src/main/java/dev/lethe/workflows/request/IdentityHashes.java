package dev.lethe.workflows.request;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.vault.Vault;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Names a subject's identities without keeping them: each (type, value) as the vault's keyed hash
 * under the tenant key. Requests are matched by these (duplicates), and legal holds and restrictions
 * on a subject are recorded by them. Values are normalised first, so {@code Ann@Example.com } and
 * {@code ann@example.com} are the same person. Thread-safe.
 */
public final class IdentityHashes {

    private final Vault vault;

    public IdentityHashes(Vault vault) {
        this.vault = vault;
    }

    /** Identity type → keyed hash (64 hex characters), in type order. */
    public Map<String, String> of(UUID tenantId, Identities identities) {
        Map<String, String> hashes = new TreeMap<>();
        identities.values().forEach((type, value) -> hashes.put(type, of(tenantId, type, value)));
        return hashes;
    }

    public String of(UUID tenantId, String type, String value) {
        return vault.subjectHash(tenantId.toString(), type + ":" + normalize(type, value))
                .hex();
    }

    /**
     * The identities as systems usually keep them, for looking the subject up there: trimmed, e-mail
     * addresses in lower case ({@code Ann@Example.com } → {@code ann@example.com}). Phone numbers stay as
     * typed: systems keep them formatted in too many ways to guess one.
     */
    public static Identities asSystemsKeepThem(Identities identities) {
        Map<String, String> values = new TreeMap<>();
        identities
                .values()
                .forEach((type, value) -> values.put(
                        type, type.contains("email") ? value.strip().toLowerCase(Locale.ROOT) : value.strip()));
        return new Identities(values);
    }

    /** Trimmed; e-mail addresses in lower case; phone numbers as their digits (and a leading +). */
    static String normalize(String type, String value) {
        String trimmed = value.strip();
        if (type.contains("email")) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        if (type.contains("phone")) {
            StringBuilder digits = new StringBuilder();
            trimmed.codePoints()
                    .filter(c -> Character.isDigit(c) || (c == '+' && digits.isEmpty()))
                    .forEach(digits::appendCodePoint);
            return digits.toString();
        }
        return trimmed;
    }
}
