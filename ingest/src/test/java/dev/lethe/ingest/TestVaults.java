package dev.lethe.ingest;

import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import java.nio.file.Path;

/** A real vault for ingest's tests: local KMS in a test directory, keys in memory, audit not kept. */
final class TestVaults {

    private TestVaults() {}

    static Vault create(Path keysetDir) {
        return new VaultBuilder()
                .kms(LocalKms.open(keysetDir.resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new SilentAudit())
                .build();
    }

    /** Ingest only tokenizes; nothing it does is audited by the vault. */
    private static final class SilentAudit implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
