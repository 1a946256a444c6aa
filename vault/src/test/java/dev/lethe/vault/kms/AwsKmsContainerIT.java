package dev.lethe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.infra.testing.ContainersOnly;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@link AwsKms} against LocalStack's implementation of the KMS API, with the SDK and HTTP client the
 * application ships. Runs with {@code -Pcontainers} where a Docker engine answers; skipped elsewhere.
 */
@ExtendWith(ContainersOnly.class)
class AwsKmsContainerIT {
    private static final Region REGION = Region.EU_CENTRAL_1;
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AD = "lethe-vault/v1/key/acme/00".getBytes(StandardCharsets.US_ASCII);

    static GenericContainer<?> localstack;
    static KmsClient client;

    @BeforeAll
    static void start() {
        localstack = new GenericContainer<>("localstack/localstack:4.4")
                .withEnv("SERVICES", "kms")
                .withExposedPorts(4566)
                .waitingFor(Wait.forLogMessage(".*Ready\\.\\n", 1))
                .withStartupTimeout(Duration.ofMinutes(3));
        localstack.start();
        client = KmsClient.builder()
                .region(REGION)
                .endpointOverride(URI.create("http://" + localstack.getHost() + ":" + localstack.getMappedPort(4566)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    void wrapsUnderTheEncryptionContextAndRefusesAnotherOne() {
        AwsKms kms = new AwsKms(client, newKey());

        WrappedDek wrapped = kms.wrap(KEY, AD);

        assertThat(wrapped.kekVersion()).isEqualTo(1);
        assertThat(kms.unwrap(wrapped, AD)).isEqualTo(KEY);
        assertThatThrownBy(() -> kms.unwrap(wrapped, "other".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse());
    }

    @Test
    void aKeyWrappedBeforeAnOnDemandRotationStillUnwraps() {
        AwsKms kms = new AwsKms(client, newKey());
        WrappedDek before = kms.wrap(KEY, AD);

        assertThat(kms.rotate()).isEqualTo(1);

        assertThat(kms.unwrap(before, AD)).isEqualTo(KEY);
        assertThat(kms.unwrap(kms.wrap(KEY, AD), AD)).isEqualTo(KEY);
    }

    @Test
    void aVaultOverAwsKmsTokenizesRotatesAndDetokenizes() {
        Vault vault = new VaultBuilder()
                .kms(new AwsKms(client, newKey()))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new RecordingAudit())
                .build();
        String token = vault.tokenize(new TokenizeRequest(
                        "acme", "cust-1", "contact.email", TokenKind.DETERMINISTIC, "ana@example.com"))
                .token();

        var report = vault.kekRotation().rotateNow(10);

        assertThat(report.rewrapped()).isZero();
        assertThat(report.retired()).isEmpty();
        assertThat(vault.detokenize(
                        VaultFixture.READER, DetokenizeRequest.single("acme", TokenRef.of(token), "export", "r")))
                .isEqualTo("ana@example.com");
    }

    @Test
    void anUnknownKeyIsAPermanentFailure() {
        AwsKms kms = new AwsKms(client, "arn:aws:kms:eu-central-1:000000000000:key/" + UUID.randomUUID());

        assertThatThrownBy(() -> kms.wrap(KEY, AD))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse());
    }

    private static String newKey() {
        return client.createKey(b -> b.description("lethe-it")).keyMetadata().keyId();
    }
}
