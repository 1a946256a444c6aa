package dev.lethe.app.vault;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.ui.signals.DetokenizationVolume;
import dev.lethe.ui.vault.VaultApiLimits;
import dev.lethe.vault.KekVersionsInUse;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.kms.AwsKms;
import dev.lethe.vault.kms.AwsKmsSettings;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.vault.kms.VaultTransitKms;
import dev.lethe.vault.kms.VaultTransitSettings;
import dev.lethe.vault.postgres.PostgresKeyRepository;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The vault on the application's database, the configured KMS and the audit chain. */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    @Bean
    Kms vaultKms(VaultProperties properties, Environment environment) {
        properties.requireSuitableFor(environment);
        VaultProperties.Kms kms = properties.kms();
        return switch (kms.type()) {
            case LOCAL -> LocalKms.open(kms.local().keysetFile());
            case VAULT_TRANSIT -> {
                VaultProperties.VaultTransit t = kms.vaultTransit();
                yield new VaultTransitKms(new VaultTransitSettings(
                        t.address(), t.mount(), t.keyName(), t.token(), t.namespace(), t.timeout()));
            }
            case AWS -> {
                VaultProperties.Aws aws = kms.aws();
                yield AwsKms.create(new AwsKmsSettings(aws.keyId(), aws.region(), aws.endpoint()));
            }
        };
    }

    /** The REST API's share of the properties (the controllers live in the web tier). */
    @Bean
    VaultApiLimits vaultApiLimits(VaultProperties properties) {
        return new VaultApiLimits(properties.maxBatch(), properties.rotation().batchSize());
    }

    @Bean
    KeyRepository vaultKeyRepository(DSLContext dsl) {
        return new PostgresKeyRepository(dsl);
    }

    @Bean
    Vault vault(
            VaultProperties properties,
            Kms kms,
            KeyRepository keys,
            AuditTrail trail,
            DetokenizationVolume volume,
            ObjectProvider<KekVersionsInUse> otherKeyStores) {
        return new VaultBuilder()
                .kms(kms)
                .keyRepository(keys)
                .audit(new AuditTrailVaultAudit(trail, volume))
                .cacheMaxKeys(properties.cache().maxKeys())
                .cacheMaxAge(properties.cache().maxAge())
                .maxValueLength(properties.maxValueLength())
                .maxBatch(properties.maxBatch())
                .kekVersionsUsedElsewhere(() -> otherKeyStores.stream()
                        .flatMap(store -> store.kekVersionsInUse().stream())
                        .collect(Collectors.toUnmodifiableSet()))
                .build();
    }
}
