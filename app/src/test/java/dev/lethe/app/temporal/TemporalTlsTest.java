package dev.lethe.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.tls.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalTlsTest {

    @TempDir
    Path directory;

    @Test
    void offByDefaultTheStubsArePlaintext() {
        assertThat(TemporalTls.options("127.0.0.1:7233", TemporalProperties.Tls.off())
                        .getSslContext())
                .isNull();
    }

    @Test
    void withACaAndAClientCertificateTheStubsUseMutualTls() {
        Path ca = directory.resolve("ca.crt");
        SelfSignedCertificate.generate(List.of("temporal.internal"), Duration.ofDays(1))
                .write(ca, directory.resolve("ca.key"));
        Path cert = directory.resolve("lethe.crt");
        Path key = directory.resolve("lethe.key");
        SelfSignedCertificate.generate(List.of("lethe"), Duration.ofDays(1)).write(cert, key);

        var options = TemporalTls.options(
                "10.0.0.7:7233", new TemporalProperties.Tls(true, ca, cert, key, "temporal.internal"));

        assertThat(options.getSslContext()).isNotNull();
        assertThat(options.getSslContext().isClient()).isTrue();
        assertThat(options.getChannelInitializer()).isNotNull();
    }

    @Test
    void aCaFileWithoutACertificateFailsNamingTheProperty() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "");

        assertThatThrownBy(
                        () -> TemporalTls.options("t:7233", new TemporalProperties.Tls(true, empty, null, null, null)))
                .hasMessageContaining("lethe.temporal.tls.ca-cert");
    }

    @Test
    void halfAClientPairOrCertificatesWithTlsOffAreRefused() {
        assertThatThrownBy(() -> new TemporalProperties.Tls(true, null, Path.of("c.crt"), null, null))
                .hasMessageContaining("lethe.temporal.tls.client-key");
        assertThatThrownBy(() -> new TemporalProperties.Tls(false, Path.of("ca.crt"), null, null, null))
                .hasMessageContaining("lethe.temporal.tls.enabled");
    }
}
