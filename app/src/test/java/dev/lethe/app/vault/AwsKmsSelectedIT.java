package dev.lethe.app.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.vault.kms.AwsKms;
import dev.lethe.vault.kms.Kms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The application started with {@code lethe.vault.kms.type=aws}: the SDK it ships reaches the KMS API
 * (a loopback stand-in through the endpoint override), the audit signing key and the vault's keys are
 * wrapped there, and a token travels back to its value. Its own database and context, closed afterwards.
 */
@ExtendWith(LocalServicesExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AwsKmsSelectedIT {

    private static final String ADMIN_KEY = "aws-it-admin-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsKmsStandIn AWS = new AwsKmsStandIn();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        // The SDK's default credentials chain starts with these system properties.
        System.setProperty("aws.accessKeyId", "AKIDLETHEIT");
        System.setProperty("aws.secretAccessKey", "lethe-it-secret");
        ServiceEndpoints services = TestServices.endpoints();
        String database = TestServices.createDatabase("lethe_aws");
        TestServices.ensureLoginRole("lethe_app");
        registry.add("spring.datasource.url", () -> services.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> "lethe_app");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.url", () -> services.jdbcUrl(database));
        registry.add("spring.flyway.user", services::postgresUser);
        registry.add("spring.flyway.password", services::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", services::kafkaBootstrapServers);
        registry.add("spring.elasticsearch.uris", services::elasticsearchUrl);
        registry.add("lethe.temporal.target", services::temporalTarget);
        registry.add("lethe.bootstrap-api-key", () -> ADMIN_KEY);
        String dataDir;
        try {
            dataDir = Files.createTempDirectory("lethe-aws-it-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("lethe.data-dir", () -> dataDir);
        registry.add("lethe.vault.kms.type", () -> "aws");
        registry.add("lethe.vault.kms.aws.key-id", () -> AwsKmsStandIn.KEY_ARN);
        registry.add("lethe.vault.kms.aws.region", () -> "eu-central-1");
        registry.add("lethe.vault.kms.aws.endpoint", () -> AWS.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        AWS.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @LocalServerPort
    int port;

    @Autowired
    Kms kms;

    @Test
    void theApplicationStartsWithAwsKmsAndATokenTravelsBackThroughIt() throws Exception {
        assertThat(kms).isInstanceOf(AwsKms.class);
        assertThat(AWS.targets)
                .as("the audit signing key is wrapped at start-up")
                .contains("TrentService.Encrypt");

        JsonNode kek = JSON.readTree(send("GET", "/api/v1/vault/kek", null).body());
        HttpResponse<String> tokenized = send(
                "POST",
                "/api/v1/vault/tokenize",
                Map.of(
                        "subject", "cust-1",
                        "category", "contact.email",
                        "kind", "DETERMINISTIC",
                        "value", "ana@example.com"));
        assertThat(tokenized.statusCode()).as(tokenized.body()).isEqualTo(200);
        String token = JSON.readTree(tokenized.body()).get("token").asString();
        AWS.targets.clear();
        HttpResponse<String> revealed =
                send("POST", "/api/v1/vault/detokenize", Map.of("token", token, "purpose", "aws-kms-it"));

        assertThat(kek.get("kms").asString()).isEqualTo("aws");
        assertThat(kek.get("primaryVersion").asInt()).isEqualTo(1);
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        assertThat(JSON.readTree(revealed.body()).get("value").asString()).isEqualTo("ana@example.com");
        HttpResponse<String> rotated = send("POST", "/api/v1/vault/kek/rotate", Map.of());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(AWS.targets).contains("TrentService.RotateKeyOnDemand");
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN_KEY);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
