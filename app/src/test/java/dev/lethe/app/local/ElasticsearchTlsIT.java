package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.app.tls.ConnectionSecurity;
import dev.lethe.app.tls.SelfSignedCertificate;
import dev.lethe.infra.HttpTls;
import dev.lethe.infra.TlsElasticsearch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/**
 * A real Elasticsearch node that answers HTTPS only (a certificate made here), reached by the client Lethe's
 * application uses (Spring Boot's, from {@code spring.elasticsearch.*} and an SSL bundle with the CA) and by the
 * {@code prod} start-up probe; refused by both with another CA. The one Elasticsearch start of the TLS tests.
 */
class ElasticsearchTlsIT {

    @TempDir
    static Path directory;

    private static TlsElasticsearch node;
    private static Path nodeCa;
    private static Path otherCa;

    @BeforeAll
    static void startNodeWithHttps() {
        nodeCa = directory.resolve("node.crt");
        Path key = directory.resolve("node.key");
        SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1))
                .write(nodeCa, key);
        otherCa = directory.resolve("other.crt");
        SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1))
                .write(otherCa, directory.resolve("other.key"));
        node = TlsElasticsearch.start(directory.resolve("es"), new HttpTls(nodeCa, key), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class,
                    ElasticsearchRestClientAutoConfiguration.class,
                    ElasticsearchClientAutoConfiguration.class));

    @Test
    void lethesClientTrustingTheNodesCaTalksHttps() {
        assertThat(node.url()).startsWith("https://");
        application.withPropertyValues(properties(nodeCa)).run(context -> {
            var health = context.getBean(ElasticsearchClient.class).cluster().health();
            assertThat(health.clusterName()).isEqualTo("lethe");
        });
        assertThat(ServiceProbes.elasticsearch(
                        node.url(), null, null, ClientSsl.elasticsearch(environment(nodeCa)), null))
                .isEmpty();
        assertThat(ConnectionSecurity.of(environment(nodeCa)).elasticsearchSchemes())
                .containsExactly("https");
    }

    @Test
    void anotherCaIsRefused() {
        application
                .withPropertyValues(properties(otherCa))
                .run(context -> assertThatThrownBy(() -> context.getBean(ElasticsearchClient.class)
                                .cluster()
                                .health())
                        .hasStackTraceContaining("SSLHandshakeException")
                        .hasStackTraceContaining("PKIX path"));
        assertThat(ServiceProbes.elasticsearch(
                        node.url(), null, null, ClientSsl.elasticsearch(environment(otherCa)), null))
                .hasValueSatisfying(reason -> assertThat(reason).contains("TLS handshake"));
    }

    @Test
    void withoutTheCaTheJdksDefaultTrustRefusesTheNode() {
        assertThat(ServiceProbes.elasticsearch(node.url(), null, null)).isPresent();
    }

    private static String[] properties(Path ca) {
        return new String[] {
            "spring.elasticsearch.uris=" + node.url(),
            "spring.elasticsearch.restclient.ssl.bundle=elasticsearch",
            "spring.ssl.bundle.pem.elasticsearch.truststore.certificate=file:" + ca
        };
    }

    private static MockEnvironment environment(Path ca) {
        var environment = new MockEnvironment();
        for (String property : properties(ca)) {
            int equals = property.indexOf('=');
            environment.setProperty(property.substring(0, equals), property.substring(equals + 1));
        }
        return environment;
    }
}
