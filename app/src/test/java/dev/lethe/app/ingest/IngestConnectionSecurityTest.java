package dev.lethe.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConnectionSecurityTest {

    @Test
    void theStreamWorkersGetTheConnectionsSecurityAndNothingElse() {
        Object bundle = new Object();
        Map<String, Object> admin = Map.of(
                "bootstrap.servers", "kafka-1:9093",
                "client.id", "lethe-admin",
                "security.protocol", "SASL_SSL",
                "ssl.truststore.location", "/etc/lethe/tls/ca.crt",
                "ssl.truststore.type", "PEM",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "ScramLoginModule required;",
                "ssl.engine.factory.class", "SslBundleSslEngineFactory",
                "org.springframework.boot.ssl.SslBundle", bundle);

        assertThat(IngestConfiguration.connectionSecurity(admin))
                .containsOnlyKeys(
                        "security.protocol",
                        "ssl.truststore.location",
                        "ssl.truststore.type",
                        "sasl.mechanism",
                        "sasl.jaas.config",
                        "ssl.engine.factory.class",
                        "org.springframework.boot.ssl.SslBundle")
                .containsEntry("org.springframework.boot.ssl.SslBundle", bundle);
    }
}
