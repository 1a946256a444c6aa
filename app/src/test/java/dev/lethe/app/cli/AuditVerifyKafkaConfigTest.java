package dev.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyKafkaConfigTest {

    @TempDir
    Path directory;

    @Test
    void readsTheKafkaClientSettingsFile() throws Exception {
        Path file = Files.writeString(directory.resolve("kafka.properties"), """
                security.protocol=SASL_SSL
                ssl.truststore.type=PEM
                ssl.truststore.location=/etc/lethe/tls/ca.crt
                sasl.mechanism=SCRAM-SHA-512
                """);

        assertThat(AuditVerifyCli.kafkaConfig(file.toString()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "security.protocol", "SASL_SSL",
                        "ssl.truststore.type", "PEM",
                        "ssl.truststore.location", "/etc/lethe/tls/ca.crt",
                        "sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(AuditVerifyCli.kafkaConfig(null)).isEmpty();
    }

    @Test
    void aMissingFileStopsTheCheckBeforeAnythingIsClaimed() {
        var err = new ByteArrayOutputStream();

        int exit = AuditVerifyCli.run(
                new String[] {
                    "--kafka-config", directory.resolve("absent.properties").toString()
                },
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(AuditVerifyCli.CANNOT_RUN);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the Kafka client settings");
    }
}
