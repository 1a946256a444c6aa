package dev.lethe.app.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The self-signed certificate of {@code ./lethe up --tls} ({@code lethe.tls.self-signed=true}): made once under
 * {@code <data dir>/tls/}, reused on every later start (so a browser's exception for it holds), and handed to
 * Spring Boot's {@code server.ssl.*}.
 *
 * @param certificate the certificate file (PEM)
 * @param privateKey the key file (PEM, mode 0600)
 * @param fingerprint the certificate's SHA-256, to compare with what the browser shows
 * @param created whether this start made it
 */
public record LocalHttps(Path certificate, Path privateKey, String fingerprint, boolean created) {

    static final List<String> HOSTS = List.of("localhost", "127.0.0.1", "::1");
    static final Duration VALIDITY = Duration.ofDays(825);

    /** The certificate under {@code dataDir/tls}, made now if it is not there yet. */
    public static LocalHttps ensure(Path dataDir) {
        Path directory = dataDir.resolve("tls");
        Path certificate = directory.resolve("lethe-local.crt");
        Path key = directory.resolve("lethe-local.key");
        if (Files.isRegularFile(certificate) && Files.isRegularFile(key)) {
            return new LocalHttps(certificate, key, SelfSignedCertificate.fingerprint(read(certificate)), false);
        }
        SelfSignedCertificate made = SelfSignedCertificate.generate(HOSTS, VALIDITY);
        made.write(certificate, key);
        return new LocalHttps(certificate, key, made.fingerprint(), true);
    }

    /** Spring Boot's settings that make the web tier serve HTTPS with this certificate. */
    public Map<String, Object> serverProperties() {
        return Map.of(
                "server.ssl.enabled", "true",
                "server.ssl.certificate", certificate.toAbsolutePath().toString(),
                "server.ssl.certificate-private-key",
                        privateKey.toAbsolutePath().toString());
    }

    static X509Certificate read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalStateException(file + " is not a PEM certificate: delete it to make a new one", e);
        }
    }
}
