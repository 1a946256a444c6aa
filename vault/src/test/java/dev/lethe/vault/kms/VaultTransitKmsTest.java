package dev.lethe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.KekRotation;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VaultTransitKmsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AD = "lethe-vault/v1/key/acme/00".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNING_AD = "lethe-audit/v1/signing-key/1".getBytes(StandardCharsets.US_ASCII);

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
    void repeatedRotationsKeepAVersionStillUsedOutsideTheKeyStoreAndEveryOlderOne() {
        // The audit signing key's case: wrapped under version 1 outside the vault's key store, and
        // re-wrapped by its owner only at the next start.
        AtomicReference<WrappedDek> signingKey = new AtomicReference<>(kms.wrap(KEY, SIGNING_AD));
        Vault tokens = vaultOverTransit(() -> Set.of(signingKey.get().kekVersion()));
        String token = tokenize(tokens, "cust-1", "ana@example.com");

        List<KekRotation.RotationReport> reports = new ArrayList<>();
        reports.add(tokens.kekRotation().rotateNow(10));
        String later = tokenize(tokens, "cust-2", "bo@example.com");
        reports.add(tokens.kekRotation().rotateNow(10));
        reports.add(tokens.kekRotation().rotateNow(10));

        assertThat(reports).allSatisfy(r -> assertThat(r.retired()).isEmpty());
        assertThat(kms.activeVersions()).containsExactly(1, 2, 3, 4);
        assertThat(configCalls()).isEmpty();
        assertThat(kms.unwrap(signingKey.get(), SIGNING_AD)).isEqualTo(KEY);
        assertThat(detokenize(tokens, token)).isEqualTo("ana@example.com");
        assertThat(detokenize(tokens, later)).isEqualTo("bo@example.com");

        signingKey.set(kms.rewrap(signingKey.get(), SIGNING_AD));

        assertThat(tokens.kekRotation().retireUnused()).containsExactly(1, 2, 3);
        assertThat(configCalls()).containsExactly(2, 3, 4);
        assertThat(kms.activeVersions()).containsExactly(4);
        assertThat(kms.unwrap(signingKey.get(), SIGNING_AD)).isEqualTo(KEY);
        assertThat(detokenize(tokens, token)).isEqualTo("ana@example.com");
        assertThat(detokenize(tokens, later)).isEqualTo("bo@example.com");
    }

    @Test
    void storedKeysLeftUnderAnOldVersionKeepEveryVersionFromThereOn() {
        Vault tokens = vaultOverTransit(Set::of);
        String token = tokenize(tokens, "cust-1", "ana@example.com");
        var rotation = tokens.kekRotation();

        rotation.rotate();
        rotation.rotate();

        assertThat(rotation.retireUnused())
                .as("version 2 is unused but version 1 is not")
                .isEmpty();
        assertThat(kms.activeVersions()).containsExactly(1, 2, 3);
        assertThat(detokenize(tokens, token)).isEqualTo("ana@example.com");

        var rewrapped = rotation.rewrapBatch(null, 100);

        assertThat(rewrapped.rewrapped()).isEqualTo(2);
        assertThat(rotation.retireUnused()).containsExactly(1, 2);
        assertThat(kms.activeVersions()).containsExactly(3);
        assertThat(detokenize(tokens, token)).isEqualTo("ana@example.com");
    }

    @Test
    void retiringAVersionAboveTheOldestActiveOneIsRefusedBeforeVaultIsAsked() {
        kms.rotate();
        kms.rotate();

        assertThatThrownBy(() -> kms.retire(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("oldest first");
        assertThat(configCalls()).isEmpty();
        assertThat(kms.activeVersions()).containsExactly(1, 2, 3);
        assertThat(kms.retirableVersions(Set.of(2))).containsExactly(1);
        assertThat(kms.retirableVersions(Set.of(1))).isEmpty();
        assertThat(kms.retirableVersions(Set.of())).containsExactly(1, 2);
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

    private Vault vaultOverTransit(Supplier<Set<Integer>> usedElsewhere) {
        return new VaultBuilder()
                .kms(kms)
                .keyRepository(new InMemoryKeyRepository())
                .audit(new RecordingAudit())
                .kekVersionsUsedElsewhere(usedElsewhere)
                .build();
    }

    private static String tokenize(Vault on, String subject, String value) {
        return on.tokenize(new TokenizeRequest("acme", subject, "contact.email", TokenKind.DETERMINISTIC, value))
                .token();
    }

    private static String detokenize(Vault on, String token) {
        return on.detokenize(VaultFixture.READER, DetokenizeRequest.single("acme", TokenRef.of(token), "export", "r"));
    }

    /** The {@code min_decryption_version} of each configuration call, in order. */
    private List<Integer> configCalls() {
        return vault.calls.stream()
                .filter(c -> c.path().equals("keys/lethe/config"))
                .map(c -> c.body().get("min_decryption_version").getAsInt())
                .toList();
    }

    private VaultTransitSettings settings(String token) {
        return new VaultTransitSettings(vault.address(), "transit", "lethe", token, "team-a", Duration.ofSeconds(5));
    }
}
