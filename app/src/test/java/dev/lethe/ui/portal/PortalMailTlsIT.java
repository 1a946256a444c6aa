package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import dev.lethe.app.portal.MailServers;
import dev.lethe.app.portal.StartTlsRelay;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The portal's mail on its way to the SMTP relay, against real SMTP servers (GreenMail) on loopback: over TLS it
 * reaches a relay whose certificate the configured trust store holds and whose name matches; it is refused, and
 * nothing is sent, when the certificate is not trusted, names another host, or (with {@code start-tls}) the relay
 * offers no STARTTLS. GreenMail 2.1 serves implicit TLS only; the STARTTLS upgrade is shown against
 * {@link StartTlsRelay}. Built as the application builds it ({@link PortalMailSender}, {@link PortalMail}).
 */
class PortalMailTlsIT {

    private static final String CODE = "482916";

    private GreenMail relay;

    @AfterEach
    void stopTheRelay() {
        if (relay != null) {
            relay.stop();
        }
    }

    private static PortalProperties.Mail settings(String host, int port, boolean startTls, boolean ssl, String bundle) {
        return new PortalProperties.Mail(host, port, "", "", startTls, ssl, bundle, "privacy@portal.test");
    }

    private static SslBundles trusting() {
        SslBundle bundle = SslBundle.of(new PemSslStoreBundle(
                null, PemSslStoreDetails.forCertificate("file:" + MailServers.CERTIFICATE.toAbsolutePath())));
        return new DefaultSslBundleRegistry("relay", bundle);
    }

    private static void sendCode(PortalProperties.Mail settings, SslBundles bundles, String to) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        new PortalMail(PortalMailSender.of(settings, bundles), settings, messages)
                .sendCode(to, "Example Ltd", CODE, 10, "https://portal.test/link", Locale.ENGLISH);
    }

    @Test
    void overImplicitTlsTheCodeReachesARelayWhoseCertificateTheBundleTrusts() throws Exception {
        relay = MailServers.smtps();

        sendCode(settings("127.0.0.1", MailServers.port(relay), false, true, "relay"), trusting(), "ann@example.org");

        MimeMessage[] received = relay.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getContent().toString()).contains(CODE);
    }

    @Test
    void aRelayCertificateTheTrustStoreDoesNotHoldIsRefusedAndNothingIsSent() {
        relay = MailServers.smtps();

        // No bundle: the JVM's trust store, which does not hold the relay's self-made certificate.
        assertThatThrownBy(() -> sendCode(
                        settings("127.0.0.1", MailServers.port(relay), false, true, ""), null, "ann@example.org"))
                .isInstanceOf(PortalMail.Unavailable.class)
                .hasMessageContaining("SSLHandshakeException < ValidatorException")
                .hasMessageNotContaining("ann@example.org");
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsRefusedAndNothingIsSent() {
        relay = MailServers.smtps();

        // localhost is 127.0.0.1, but the certificate names only 127.0.0.1: a man in the middle holding a
        // certificate of the same CA for another name is what this catches.
        assertThatThrownBy(() -> sendCode(
                        settings("localhost", MailServers.port(relay), false, true, "relay"),
                        trusting(),
                        "ann@example.org"))
                .isInstanceOf(PortalMail.Unavailable.class)
                .as("refused for the name, not for the trust")
                .hasMessageEndingWith("SSLHandshakeException < CertificateException)");
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    @Test
    void withStartTlsTheCodeGoesOnlyOverTheUpgradedConnection() {
        try (StartTlsRelay upgrading = new StartTlsRelay()) {
            sendCode(settings("127.0.0.1", upgrading.port(), true, false, "relay"), trusting(), "ann@example.org");

            assertThat(upgrading.received()).singleElement().satisfies(message -> {
                assertThat(message.overTls()).as("sent after STARTTLS").isTrue();
                assertThat(message.data()).contains(CODE);
            });
        }
    }

    @Test
    void withStartTlsAnUntrustedRelayIsRefusedInTheUpgradeAndNothingIsSent() {
        try (StartTlsRelay upgrading = new StartTlsRelay()) {
            assertThatThrownBy(() ->
                            sendCode(settings("127.0.0.1", upgrading.port(), true, false, ""), null, "ann@example.org"))
                    .isInstanceOf(PortalMail.Unavailable.class)
                    .hasMessageContaining("SSLHandshakeException");
            assertThat(upgrading.received()).isEmpty();
        }
    }

    @Test
    void withStartTlsARelayThatDoesNotOfferItIsRefusedAndNothingGoesOutInClear() throws Exception {
        relay = MailServers.smtp();
        int port = MailServers.port(relay);

        assertThatThrownBy(() ->
                        sendCode(settings("127.0.0.1", port, true, false, "relay"), trusting(), "ann@example.org"))
                .isInstanceOf(PortalMail.Unavailable.class);
        assertThat(relay.getReceivedMessages()).as("nothing sent in clear").isEmpty();

        // The same relay takes the mail from a client that does not insist: the refusal above was the setting's.
        sendCode(settings("127.0.0.1", port, false, false, ""), null, "ann@example.org");
        assertThat(relay.getReceivedMessages()).hasSize(1);
    }
}
