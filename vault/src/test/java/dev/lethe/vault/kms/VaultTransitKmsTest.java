package dev.lethe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.support.RecordingAudit;
import dev.lethe.vault.support.VaultFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VaultTransitKmsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AD = "lethe-vault/v1/key/acme/00".getBytes(StandardCharsets.US_ASCII);

    private final FakeVaultTransit vault;
    private final VaultTransitKms kms;

    VaultTransitKmsTest() throws Exception {
        vault = new FakeVaultTransit();
        kms = new VaultTransitKms(settings(FakeVaultTransit.TOKEN));
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    @Test
    void wrapsThroughEncryptWithAssociatedDataAndTheToken() {
        WrappedDek wrapped = kms.wrap(KEY, AD);

        assertThat(wrapped.kekVersion()).isEqualTo(1);
        assertThat(new String(wrapped.ciphertext(), StandardCharsets.US_ASCII)).startsWith("vault:v1:");
        FakeVaultTransit.Call call = vault.calls.getFirst();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("encrypt/lethe");
        assertThat(call.headers().get("X-vault-token")).containsExactly(FakeVaultTransit.TOKEN);
        assertThat(call.headers().get("X-vault-namespace")).containsExactly("team-a");
        assertThat(call.body().get("plaintext").getAsString())
                .isEqualTo(Base64.getEncoder().encodeToString(KEY));
        assertThat(call.body().get("associated_data").getAsString())
                .isEqualTo(Base64.getEncoder().encodeToString(AD));
        assertThat(kms.unwrap(wrapped, AD)).isEqualTo(KEY);
    }

    @Test
    void unwrappingWithOtherAssociatedDataFailsPermanently() {
        WrappedDek wrapped = kms.wrap(KEY, AD);

        assertThatThrownBy(() -> kms.unwrap(wrapped, "other".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessage("Vault transit decrypt answered HTTP 400");
    }

    @Test
    void rotatesAndRetiresThroughKeyConfiguration() {
        WrappedDek old = kms.wrap(KEY, AD);

        assertThat(kms.rotate()).isEqualTo(2);
        assertThat(kms.primaryVersion()).isEqualTo(2);
        assertThat(kms.activeVersions()).containsExactly(1, 2);
        WrappedDek rewrapped = kms.rewrap(old, AD);
        assertThat(rewrapped.kekVersion()).isEqualTo(2);

        kms.retire(1);

        assertThat(vault.calls.getLast().path()).isEqualTo("keys/lethe/config");
        assertThat(vault.calls.getLast().body().get("min_decryption_version").getAsInt())
                .isEqualTo(2);
        assertThat(kms.activeVersions()).containsExactly(2);
        assertThatThrownBy(() -> kms.unwrap(old, AD)).isInstanceOf(KmsException.class);
        assertThat(kms.unwrap(rewrapped, AD)).isEqualTo(KEY);
        assertThatThrownBy(() -> kms.retire(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classifiesFailuresAsRetriableOrNot() {
        vault.failNextWith(503);
        assertThatThrownBy(() -> kms.wrap(KEY, AD))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isTrue());

        var badToken = new VaultTransitKms(settings("s.wrong"));
        assertThatThrownBy(() -> badToken.wrap(KEY, AD))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("403");

        var unreachable = new VaultTransitKms(new VaultTransitSettings(
                URI.create("http://127.0.0.1:1"), "transit", "lethe", "t", null, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> unreachable.wrap(KEY, AD))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isTrue());
    }

    @Test
    void settingsHideTheTokenAndRejectPathTricks() {
        assertThat(settings(FakeVaultTransit.TOKEN).toString()).doesNotContain(FakeVaultTransit.TOKEN);
        assertThatThrownBy(() -> VaultTransitSettings.of(vault.address(), "../sys/seal", "t"))
                .hasMessageContaining("key-name");
        assertThatThrownBy(() -> VaultTransitSettings.of(vault.address(), "lethe", " "))
                .hasMessageContaining("lethe.vault.kms.vault-transit.token");
    }

    @Test
    void aVaultOverTransitTokenizesRotatesAndDetokenizes() {
        Vault tokens = new VaultBuilder()
                .kms(kms)
                .keyRepository(new InMemoryKeyRepository())
                .audit(new RecordingAudit())
                .build();
        String token = tokens.tokenize(new TokenizeRequest(
                        "acme", "cust-1", "contact.email", TokenKind.DETERMINISTIC, "ana@example.com"))
                .token();

        var report = tokens.kekRotation().rotateNow(10);

        assertThat(report.newVersion()).isEqualTo(2);
        assertThat(report.rewrapped()).isEqualTo(2);
        assertThat(report.retired()).containsExactly(1);
        assertThat(tokens.detokenize(
                        VaultFixture.READER, DetokenizeRequest.single("acme", TokenRef.of(token), "export", "r")))
                .isEqualTo("ana@example.com");
    }

    @Test
    void parsesCiphertextVersions() {
        assertThat(VaultTransitKms.versionOf("vault:v12:AAAA")).isEqualTo(12);
        assertThatThrownBy(() -> VaultTransitKms.versionOf("v12:AAAA")).isInstanceOf(KmsException.class);
    }

    private VaultTransitSettings settings(String token) {
        return new VaultTransitSettings(vault.address(), "transit", "lethe", token, "team-a", Duration.ofSeconds(5));
    }
}
