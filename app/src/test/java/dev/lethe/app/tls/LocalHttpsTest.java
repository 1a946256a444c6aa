package dev.lethe.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHttpsTest {

    @TempDir
    Path dataDir;

    @Test
    void makesTheCertificateOnceWithAPrivateKeyAndReusesIt() throws Exception {
        LocalHttps first = LocalHttps.ensure(dataDir);
        LocalHttps second = LocalHttps.ensure(dataDir);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(first.certificate()).isEqualTo(dataDir.resolve("tls/lethe-local.crt"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKey())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(first.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void theCertificateNamesTheLoopbackHostsAndIsValidNow() throws Exception {
        X509Certificate certificate = LocalHttps.read(LocalHttps.ensure(dataDir).certificate());

        certificate.checkValidity();
        assertThat(certificate.getSubjectAlternativeNames().stream()
                        .map(name -> String.valueOf(name.get(1)))
                        .toList())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void pointsSpringBootsServerSslAtTheFiles() {
        LocalHttps https = LocalHttps.ensure(dataDir);

        assertThat(https.serverProperties())
                .containsEntry("server.ssl.enabled", "true")
                .containsEntry(
                        "server.ssl.certificate",
                        https.certificate().toAbsolutePath().toString())
                .containsEntry(
                        "server.ssl.certificate-private-key",
                        https.privateKey().toAbsolutePath().toString());
        assertThat(List.copyOf(https.serverProperties().keySet())).hasSize(3);
    }
}
