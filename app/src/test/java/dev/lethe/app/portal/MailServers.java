package dev.lethe.app.portal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.lethe.app.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;

/**
 * GreenMail SMTP servers on loopback for the portal's tests: plain SMTP, and SMTP over TLS from the first byte
 * ("SMTPS": GreenMail 2.1 does not offer STARTTLS) serving a certificate for {@code 127.0.0.1} alone, made in this
 * JVM. A client trusts {@link #CERTIFICATE} (PEM) to reach it; any other name for the same address is not on the
 * certificate. GreenMail reads its key store once per JVM from system properties, so every TLS server of the
 * test JVM comes from here and serves this certificate.
 */
public final class MailServers {

    /** The TLS servers' certificate, PEM: the CA file a client trusts. */
    public static final Path CERTIFICATE;

    /** The TLS servers' key and certificate, PKCS#12 (password {@link #KEY_STORE_PASSWORD}). */
    static final Path KEY_STORE;

    static final String KEY_STORE_PASSWORD = "mail-tls-test";

    static {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(List.of("127.0.0.1"), Duration.ofDays(2));
        try {
            Path directory = Files.createDirectories(Path.of("target", "mail-tls"));
            CERTIFICATE = directory.resolve("smtp.crt");
            KEY_STORE = directory.resolve("smtp.p12");
            Files.writeString(CERTIFICATE, certificate.certificatePem());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("smtp", certificate.privateKey(), KEY_STORE_PASSWORD.toCharArray(), new Certificate[] {
                certificate.certificate()
            });
            try (OutputStream out = Files.newOutputStream(KEY_STORE)) {
                keys.store(out, KEY_STORE_PASSWORD.toCharArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty(
                "greenmail.tls.keystore.file", KEY_STORE.toAbsolutePath().toString());
        System.setProperty("greenmail.tls.keystore.password", KEY_STORE_PASSWORD);
    }

    private MailServers() {}

    /** SMTP over TLS (implicit) on a free port of 127.0.0.1, started. */
    public static GreenMail smtps() {
        return start(ServerSetup.PROTOCOL_SMTPS);
    }

    /** Plain SMTP on a free port of 127.0.0.1 (no STARTTLS offered), started. */
    public static GreenMail smtp() {
        return start(ServerSetup.PROTOCOL_SMTP);
    }

    private static GreenMail start(String protocol) {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort());
        mail.start();
        return mail;
    }

    /** The port the server listens on, whichever of the two it is. */
    public static int port(GreenMail mail) {
        return mail.getSmtps() != null
                ? mail.getSmtps().getPort()
                : mail.getSmtp().getPort();
    }
}
