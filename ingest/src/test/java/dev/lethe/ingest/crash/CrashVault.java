package dev.lethe.ingest.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.vault.postgres.PostgresKeyRepository;
import java.nio.file.Path;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The vault every pipeline process of the crash test shares, as production processes do: keys in
 * PostgreSQL, wrapped by a local KMS keyset in a directory that outlives each process. So a subject
 * has the same keyed hash whichever process (or restart) handled its record.
 */
record CrashVault(Vault vault, HikariDataSource dataSource) implements AutoCloseable {

    static CrashVault open(String jdbcUrl, String user, String password, Path keysetDir) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setPoolName("crash-vault");
        var dataSource = new HikariDataSource(config);
        Vault vault = new VaultBuilder()
                .kms(LocalKms.open(keysetDir.resolve("keyset.json")))
                .keyRepository(new PostgresKeyRepository(DSL.using(dataSource, SQLDialect.POSTGRES)))
                .audit(new SilentAudit())
                .build();
        return new CrashVault(vault, dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
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
