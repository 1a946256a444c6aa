package dev.lethe.connectors.vault;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.ValueProtection;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * HASH and TOKENIZE through Lethe's vault: a keyed hash under the tenant key, and a
 * deterministic token under the subject's key. The vault's subject is the value of the subject's
 * identity whose type comes first in alphabetical order ({@code customer_id} before {@code email}), so
 * the same identities always give the same key; whoever shreds the subject must name it the same way.
 * Thread-safe.
 */
public final class VaultValueProtection implements ValueProtection {

    /** The text form of the vault's tokens and hashes ({@code tok_email_…}, {@code hsh_name_…}). */
    private static final Pattern VAULT_TOKEN = Pattern.compile("(tok|hsh)_[a-z0-9]{1,16}_[A-Za-z0-9_-]{16,}");

    private final Vault vault;

    public VaultValueProtection(Vault vault) {
        this.vault = vault;
    }

    @Override
    public String hash(UUID tenant, String category, String value) {
        return vault.tokenize(new TokenizeRequest(tenant.toString(), null, category, TokenKind.HASH, value))
                .token();
    }

    @Override
    public String tokenize(UUID tenant, Identities subject, String category, String value) {
        return vault.tokenize(new TokenizeRequest(
                        tenant.toString(), vaultSubject(subject), category, TokenKind.DETERMINISTIC, value))
                .token();
    }

    @Override
    public void shred(UUID tenant, Identities subject, String operationId) {
        vault.shred(tenant.toString(), vaultSubject(subject), "connector", operationId);
    }

    @Override
    public boolean isProtected(String value) {
        return value != null && VAULT_TOKEN.matcher(value).matches();
    }

    /** The vault subject of a request's identities. */
    public static String vaultSubject(Identities subject) {
        Map.Entry<String, String> first = new TreeMap<>(subject.values()).firstEntry();
        return first.getValue();
    }
}
