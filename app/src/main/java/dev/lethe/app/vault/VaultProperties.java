package dev.lethe.app.vault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * The vault's settings ({@code lethe.vault.*}), checked when the application starts: a bad value or
 * combination fails start-up with a message naming the property.
 *
 * @param kms which KMS holds the key-encryption key, and how to reach it
 * @param cache bounds of the unwrapped-key cache
 * @param maxValueLength longest value accepted, in characters
 * @param maxBatch most tokens per batch call (tokenize and detokenize)
 * @param rotation KEK rotation
 */
@ConfigurationProperties("lethe.vault")
public record VaultProperties(
        @DefaultValue Kms kms,
        @DefaultValue Cache cache,
        @DefaultValue("4096") int maxValueLength,
        @DefaultValue("1000") int maxBatch,
        @DefaultValue Rotation rotation) {

    public VaultProperties {
        positive(maxValueLength, "lethe.vault.max-value-length");
        positive(maxBatch, "lethe.vault.max-batch");
    }

    /** {@code lethe.vault.kms.type}. */
    public enum KmsType {
        LOCAL,
        VAULT_TRANSIT,
        AWS
    }

    /**
     * @param type {@code local} (default), {@code vault-transit} or {@code aws}
     * @param local the local keyset file
     * @param vaultTransit HashiCorp Vault transit, with {@code type=vault-transit}
     * @param aws AWS KMS, with {@code type=aws}
     */
    public record Kms(
            @DefaultValue("local") KmsType type,
            @DefaultValue Local local,
            VaultTransit vaultTransit,
            Aws aws) {
        public Kms {
            switch (type) {
                case LOCAL -> {
                    if (local.keysetFile() == null) {
                        throw new IllegalArgumentException(
                                "lethe.vault.kms.local.keyset-file is required with " + "lethe.vault.kms.type=local");
                    }
                }
                case VAULT_TRANSIT -> {
                    if (vaultTransit == null) {
                        throw new IllegalArgumentException("lethe.vault.kms.vault-transit.* is required with "
                                + "lethe.vault.kms.type=vault-transit");
                    }
                }
                case AWS -> {
                    if (aws == null) {
                        throw new IllegalArgumentException(
                                "lethe.vault.kms.aws.* is required with lethe.vault.kms.type=aws");
                    }
                }
            }
        }
    }

    /**
     * @param keysetFile the Tink keyset, outside the database and its backups; created on first start
     *     with owner-only permissions (default {@code ${lethe.data-dir}/kms/keyset.json})
     * @param allowInProd lets the {@code prod} profile use the local KMS ({@code
     *     .allow-in-prod}, default false): only for a single instance, since every process with its own
     *     keyset file holds its own KEK and cannot read the others' keys
     */
    public record Local(
            Path keysetFile, @DefaultValue("false") boolean allowInProd) {}

    /**
     * Rules that depend on the active profiles, checked before the KMS is created: the {@code prod}
     * profile refuses the local KMS unless {@code lethe.vault.kms.local.allow-in-prod=true}.
     *
     * @throws IllegalStateException naming the property to set
     */
    public void requireSuitableFor(Environment environment) {
        if (kms.type() == KmsType.LOCAL
                && environment.matchesProfiles("prod")
                && !kms.local().allowInProd()) {
            throw new IllegalStateException("lethe.vault.kms.type=local is refused in the prod profile: with "
                    + "several processes each host would hold its own KEK. Set lethe.vault.kms.type to "
                    + "vault-transit or aws, or lethe.vault.kms.local.allow-in-prod=true for a single instance.");
        }
    }

    /** See {@link dev.lethe.vault.kms.VaultTransitSettings}; {@code token} is a secret. */
    public record VaultTransit(
            URI address, String mount, String keyName, String token, String namespace, Duration timeout) {
        @Override
        public String toString() {
            return "VaultTransit[address=" + address + ", mount=" + mount + ", keyName=" + keyName
                    + ", token=****, namespace=" + namespace + ", timeout=" + timeout + "]";
        }
    }

    /** See {@link dev.lethe.vault.kms.AwsKmsSettings}; credentials come from the SDK's default chain. */
    public record Aws(String keyId, String region, URI endpoint) {}

    /**
     * @param maxKeys unwrapped keys kept per cache
     * @param maxAge how long an unwrapped key is reused; bounds how long another process may still
     *     read a shredded subject's tokens from its cache
     */
    public record Cache(
            @DefaultValue("100000") int maxKeys,
            @DefaultValue("5m") Duration maxAge) {
        public Cache {
            positive(maxKeys, "lethe.vault.cache.max-keys");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("lethe.vault.cache.max-age must be positive");
            }
        }
    }

    /** @param batchSize keys re-wrapped per batch */
    public record Rotation(@DefaultValue("500") int batchSize) {
        public Rotation {
            positive(batchSize, "lethe.vault.rotation.batch-size");
        }
    }

    private static void positive(int value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be positive");
        }
    }
}
