package dev.lethe.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS for a local Elasticsearch node: its certificate and unencrypted PKCS#8 key, both PEM. The certificate must
 * name 127.0.0.1 (the node's address); a client trusts it by trusting the certificate, or the CA that signed it.
 *
 * @param certificate the node's certificate (PEM)
 * @param privateKey its key (PEM)
 */
public record HttpTls(Path certificate, Path privateKey) {

    private static final String CERTIFICATE = "http-tls.crt";
    private static final String KEY = "http-tls.key";

    /** Elasticsearch reads TLS files only from its config directory: copies them there, the key private. */
    void copyInto(Path config) throws IOException {
        Files.copy(certificate, config.resolve(CERTIFICATE), StandardCopyOption.REPLACE_EXISTING);
        Path key = config.resolve(KEY);
        Files.copy(privateKey, key, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    /** The node's settings: security on (HTTP over TLS needs it), anonymous requests allowed. */
    List<String> settings() {
        return List.of(
                "-E", "xpack.security.enabled=true",
                "-E", "xpack.security.http.ssl.enabled=true",
                "-E", "xpack.security.http.ssl.certificate=" + CERTIFICATE,
                "-E", "xpack.security.http.ssl.key=" + KEY,
                "-E", "xpack.security.authc.anonymous.roles=superuser",
                "-E", "xpack.security.authc.anonymous.username=lethe-test");
    }

    /** A client context that trusts this certificate (and nothing else). */
    SSLContext trusting() {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate each : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("node-" + index++, each);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certificate + " is not a PEM certificate", e);
        }
    }
}
