package dev.lethe.bench.connectors;

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

/**
 * HASH and TOKENIZE as the application does them ({@link VaultValueProtection}), on a real vault with a
 * local KMS and keys in memory: a subject's first TOKENIZE creates and wraps their key, so an erasure
 * pays the cold path as it would in Lethe.
 */
final class VaultProtection {

    private VaultProtection() {}

    static ValueProtection open(Path keyset) {
        return new VaultValueProtection(new VaultBuilder()
                .kms(LocalKms.open(keyset))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new Unaudited())
                .build());
    }

    /** Erasure never detokenizes or shreds, so there is nothing for an audit trail here. */
    private static final class Unaudited implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
