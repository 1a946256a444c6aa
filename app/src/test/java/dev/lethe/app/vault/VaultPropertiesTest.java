package dev.lethe.app.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

class VaultPropertiesTest {

    @Test
    void defaultsAreTheLocalKmsAndBoundedCaches() {
        VaultProperties properties =
                bind(Map.of("lethe.vault.kms.local.keyset-file", "/var/lib/lethe/kms/keyset.json"));

        assertThat(properties.kms().type()).isEqualTo(VaultProperties.KmsType.LOCAL);
        assertThat(properties.kms().local().keysetFile()).isEqualTo(Path.of("/var/lib/lethe/kms/keyset.json"));
        assertThat(properties.cache().maxKeys()).isEqualTo(100_000);
        assertThat(properties.cache().maxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.maxBatch()).isEqualTo(1000);
        assertThat(properties.rotation().batchSize()).isEqualTo(500);
    }

    @Test
    void kmsTypesBindInKebabCase() {
        VaultProperties properties = bind(Map.of(
                "lethe.vault.kms.type", "vault-transit",
                "lethe.vault.kms.vault-transit.address", "https://vault:8200",
                "lethe.vault.kms.vault-transit.key-name", "lethe",
                "lethe.vault.kms.vault-transit.token", "s.secret"));

        assertThat(properties.kms().type()).isEqualTo(VaultProperties.KmsType.VAULT_TRANSIT);
        assertThat(properties.kms().vaultTransit().toString()).doesNotContain("s.secret");
    }

    @Test
    void badValuesNameTheirProperty() {
        assertFailsNaming(Map.of("lethe.vault.kms.local.keyset-file", ""), "lethe.vault.kms.local.keyset-file");
        assertFailsNaming(
                Map.of("lethe.vault.kms.local.keyset-file", "/k", "lethe.vault.cache.max-keys", "0"),
                "lethe.vault.cache.max-keys");
        assertFailsNaming(
                Map.of("lethe.vault.kms.local.keyset-file", "/k", "lethe.vault.cache.max-age", "0s"),
                "lethe.vault.cache.max-age");
        assertFailsNaming(Map.of("lethe.vault.kms.type", "aws"), "lethe.vault.kms.aws");
        assertFailsNaming(Map.of("lethe.vault.kms.type", "vault-transit"), "lethe.vault.kms.vault-transit");
    }

    @Test
    void theProdProfileRefusesTheLocalKmsNamingThePropertyThatAllowsIt() {
        VaultProperties local = bind(Map.of("lethe.vault.kms.local.keyset-file", "/nonexistent/kms/keyset.json"));

        assertThatThrownBy(() -> new VaultConfiguration().vaultKms(local, profiles("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lethe.vault.kms.local.allow-in-prod=true")
                .hasMessageContaining("lethe.vault.kms.type");
        assertThat(Path.of("/nonexistent/kms/keyset.json")).doesNotExist();
    }

    @Test
    void theLocalKmsIsAllowedInProdOnlyWhenExplicitlyAllowedAndEverywhereElse() {
        VaultProperties allowed =
                bind(Map.of("lethe.vault.kms.local.keyset-file", "/k", "lethe.vault.kms.local.allow-in-prod", "true"));
        VaultProperties local = bind(Map.of("lethe.vault.kms.local.keyset-file", "/k"));
        VaultProperties transit = bind(Map.of(
                "lethe.vault.kms.type", "vault-transit",
                "lethe.vault.kms.vault-transit.address", "https://vault:8200",
                "lethe.vault.kms.vault-transit.key-name", "lethe",
                "lethe.vault.kms.vault-transit.token", "s.secret"));

        assertThat(local.kms().local().allowInProd()).isFalse();
        assertThatCode(() -> allowed.requireSuitableFor(profiles("prod"))).doesNotThrowAnyException();
        assertThatCode(() -> transit.requireSuitableFor(profiles("prod"))).doesNotThrowAnyException();
        assertThatCode(() -> local.requireSuitableFor(profiles("local"))).doesNotThrowAnyException();
        assertThatCode(() -> local.requireSuitableFor(profiles())).doesNotThrowAnyException();
    }

    private static MockEnvironment profiles(String... active) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(active);
        return environment;
    }

    private static void assertFailsNaming(Map<String, String> values, String property) {
        assertThatThrownBy(() -> bind(values)).rootCause().hasMessageContaining(property);
    }

    private static VaultProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("lethe.vault", VaultProperties.class);
    }
}
