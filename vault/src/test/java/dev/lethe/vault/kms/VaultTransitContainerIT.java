package dev.lethe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.lethe.infra.testing.ContainersOnly;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.KekRotation;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.postgres.PostgresKeyRepository;
import dev.lethe.vault.support.MigratedDatabase;
import dev.lethe.vault.support.RecordingAudit;
import dev.lethe.vault.support.VaultFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * {@link VaultTransitKms} against a real HashiCorp Vault server (dev mode, transit engine) with a token
 * that holds exactly the policy documented in {@code docs/security.md}, and the vault's keys on the shared
 * real PostgreSQL. Runs with {@code -Pcontainers} where a Docker engine answers; skipped elsewhere.
 */
@ExtendWith(ContainersOnly.class)
class VaultTransitContainerIT {
    private static final String ROOT_TOKEN = "lethe-it-root";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AD = "lethe-vault/v1/key/acme/00".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNING_AD = "lethe-audit/v1/signing-key/1".getBytes(StandardCharsets.US_ASCII);
    private static final Gson GSON = new Gson();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The policy {@code docs/security.md} gives Lethe's token, for a key named {@code %1$s}. */
    private static final String POLICY = """
            path "transit/encrypt/%1$s"       { capabilities = ["update"] }
            path "transit/decrypt/%1$s"       { capabilities = ["update"] }
            path "transit/keys/%1$s"          { capabilities = ["read"] }
            path "transit/keys/%1$s/rotate"   { capabilities = ["update"] }
            path "transit/keys/%1$s/config"   { capabilities = ["update"] }
            """;

    static GenericContainer<?> server;
    static DSLContext dsl;

    @BeforeAll
    static void start() throws Exception {
        server = new GenericContainer<>("hashicorp/vault:1.19")
                .withEnv("VAULT_DEV_ROOT_TOKEN_ID", ROOT_TOKEN)
                .withEnv("VAULT_DEV_LISTEN_ADDRESS", "0.0.0.0:8200")
                .withEnv("SKIP_SETCAP", "true")
                .withExposedPorts(8200)
                .waitingFor(Wait.forHttp("/v1/sys/health").forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(2));
        server.start();
        asRoot("POST", "sys/mounts/transit", Map.of("type", "transit"));
        dsl = DSL.using(MigratedDatabase.create("vault_transit"), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void wrapsAndUnwrapsWithTheDocumentedPolicyAndRefusesOtherAssociatedData() throws Exception {
        VaultTransitKms kms = newKeyWithPolicyToken();

        WrappedDek wrapped = kms.wrap(KEY, AD);

        assertThat(wrapped.kekVersion()).isEqualTo(1);
        assertThat(kms.unwrap(wrapped, AD)).isEqualTo(KEY);
        assertThatThrownBy(() -> kms.unwrap(wrapped, "other".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse());
    }

    @Test
    void threeRotationsOnPostgresKeepEveryKeyStillUsedAndThenRetireWhatNobodyUses() throws Exception {
        VaultTransitKms kms = newKeyWithPolicyToken();
        // The audit signing key's case: wrapped outside the key store, re-wrapped by its owner later.
        AtomicReference<WrappedDek> signingKey = new AtomicReference<>(kms.wrap(KEY, SIGNING_AD));
        PostgresKeyRepository keys = new PostgresKeyRepository(dsl);
        Vault vault = vault(kms, keys, () -> Set.of(signingKey.get().kekVersion()));
        String tenant = "t-" + UUID.randomUUID();
        List<String> tokens = new ArrayList<>();
        List<KekRotation.RotationReport> reports = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            tokens.add(tokenize(vault, tenant, "cust-" + round, "user" + round + "@example.com"));
            reports.add(vault.kekRotation().rotateNow(2));
        }

        assertThat(reports).allSatisfy(r -> assertThat(r.retired()).isEmpty());
        assertThat(kms.activeVersions()).containsExactly(1, 2, 3, 4);
        assertThat(kms.unwrap(signingKey.get(), SIGNING_AD)).isEqualTo(KEY);

        WrappedDek old = signingKey.get();
        signingKey.set(kms.rewrap(old, SIGNING_AD));

        assertThat(vault.kekRotation().retireUnused()).containsExactly(1, 2, 3);
        assertThat(kms.activeVersions()).containsExactly(4);
        assertThat(kms.unwrap(signingKey.get(), SIGNING_AD)).isEqualTo(KEY);
        assertThatThrownBy(() -> kms.unwrap(old, SIGNING_AD))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse());
        Vault cold = vault(kms, keys, Set::of);
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(cold.detokenize(
                            VaultFixture.READER,
                            DetokenizeRequest.single(tenant, TokenRef.of(tokens.get(i)), "export", "r")))
                    .isEqualTo("user" + i + "@example.com");
        }
    }

    @Test
    void aTokenWithoutThePolicyIsRefusedAndNotRetried() throws Exception {
        String key = newKey();
        String token = token(List.of("default"));
        VaultTransitKms kms = new VaultTransitKms(VaultTransitSettings.of(address(), key, token));

        assertThatThrownBy(() -> kms.wrap(KEY, AD))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("403");
    }

    private static Vault vault(VaultTransitKms kms, PostgresKeyRepository keys, Supplier<Set<Integer>> elsewhere) {
        return new VaultBuilder()
                .kms(kms)
                .keyRepository(keys)
                .audit(new RecordingAudit())
                .kekVersionsUsedElsewhere(elsewhere)
                .build();
    }

    private static String tokenize(Vault on, String tenant, String subject, String value) {
        return on.tokenize(new TokenizeRequest(tenant, subject, "contact.email", TokenKind.DETERMINISTIC, value))
                .token();
    }

    /** A new AEAD transit key and a token holding only the documented policy for it. */
    private static VaultTransitKms newKeyWithPolicyToken() throws Exception {
        String key = newKey();
        asRoot("PUT", "sys/policies/acl/" + key, Map.of("policy", POLICY.formatted(key)));
        return new VaultTransitKms(VaultTransitSettings.of(address(), key, token(List.of(key))));
    }

    private static String newKey() throws Exception {
        String key = "lethe-" + UUID.randomUUID().toString().substring(0, 8);
        asRoot("POST", "transit/keys/" + key, Map.of("type", "aes256-gcm96"));
        return key;
    }

    private static String token(List<String> policies) throws Exception {
        JsonObject created =
                asRoot("POST", "auth/token/create", Map.of("policies", policies, "no_default_policy", true));
        return created.getAsJsonObject("auth").get("client_token").getAsString();
    }

    private static URI address() {
        return URI.create("http://" + server.getHost() + ":" + server.getMappedPort(8200));
    }

    private static JsonObject asRoot(String method, String path, Map<String, ?> body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address() + "/v1/" + path))
                .header("X-Vault-Token", ROOT_TOKEN)
                .method(method, HttpRequest.BodyPublishers.ofString(GSON.toJson(body)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Vault " + path + " answered " + response.statusCode());
        }
        return response.body().isBlank() ? new JsonObject() : GSON.fromJson(response.body(), JsonObject.class);
    }
}
