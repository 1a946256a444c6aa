package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.ValueProtection;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/** HASH and TOKENIZE through the real vault (local KMS, keys in memory); the vault's subject is the customer id. */
record VaultProtection(Vault vault) implements ValueProtection {

    private static final Pattern VAULT_TOKEN = Pattern.compile("(tok|hsh)_[a-z0-9]{1,16}_[A-Za-z0-9_-]{16,}");

    static VaultProtection withKeysIn(Path directory) {
        return new VaultProtection(new VaultBuilder()
                .kms(LocalKms.open(directory.resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new SilentAudit())
                .build());
    }

    @Override
    public String hash(UUID tenant, String category, String value) {
        return vault.tokenize(new TokenizeRequest(tenant.toString(), null, category, TokenKind.HASH, value))
                .token();
    }

    @Override
    public String tokenize(UUID tenant, Identities subject, String category, String value) {
        String subjectId = subject.get("customer_id").orElseThrow();
        return vault.tokenize(
                        new TokenizeRequest(tenant.toString(), subjectId, category, TokenKind.DETERMINISTIC, value))
                .token();
    }

    @Override
    public boolean isProtected(String value) {
        return VAULT_TOKEN.matcher(value).matches();
    }

    private static final class SilentAudit implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
