package dev.lethe.connectors.testing;

import dev.lethe.connectors.spi.ValueProtection;
import dev.lethe.connectors.vault.VaultValueProtection;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import java.nio.file.Path;

/** HASH and TOKENIZE through the real vault and the application's own {@link VaultValueProtection}, for the erasure ITs of every connector. */
public final class VaultProtection {

    private VaultProtection() {}

    /** A vault with a local KMS whose keyset lives in {@code keys}, and in-memory subject keys. */
    public static ValueProtection inDirectory(Path keys) {
        return new VaultValueProtection(new VaultBuilder()
                .kms(LocalKms.open(keys.resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new SilentAudit())
                .build());
    }

    /** Erasure never detokenizes or shreds, so there is nothing to audit here. */
    private static final class SilentAudit implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
