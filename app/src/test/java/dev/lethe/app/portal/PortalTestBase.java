package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.lethe.app.AppIntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the portal's mail going to a GreenMail SMTP server this test JVM runs on a free
 * loopback port, over TLS as production should ({@code lethe.portal.mail.ssl=true}, the server's certificate
 * trusted through an SSL bundle, its host name checked: the server speaks only TLS, so every mail a test reads
 * went over it), and small limits a test can reach. Portal tests share this one context (a second one
 * beside the plain {@link AppIntegrationTest}'s: the other tests' context is left as it is).
 */
abstract class PortalTestBase extends AppIntegrationTest {

    static final GreenMail MAIL = startMail();

    /** The SSL bundle the portal trusts the relay's certificate through. */
    static final String MAIL_BUNDLE = "portal-mail";

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private static GreenMail startMail() {
        GreenMail mail = MailServers.smtps();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    @DynamicPropertySource
    static void portal(DynamicPropertyRegistry registry) {
        registry.add("lethe.portal.mail.host", () -> "127.0.0.1");
        registry.add("lethe.portal.mail.port", () -> MAIL.getSmtps().getPort());
        registry.add("lethe.portal.mail.ssl", () -> "true");
        registry.add("lethe.portal.mail.ssl-bundle", () -> MAIL_BUNDLE);
        registry.add(
                "spring.ssl.bundle.pem." + MAIL_BUNDLE + ".truststore.certificate",
                () -> "file:" + MailServers.CERTIFICATE.toAbsolutePath());
        registry.add("lethe.portal.mail.from", () -> "privacy@portal.test");
        registry.add("lethe.portal.limits.submissions-per-address", () -> "4");
        registry.add("lethe.portal.limits.submissions-per-identity", () -> "3");
        registry.add("lethe.portal.limits.code-sends-per-address", () -> "8");
        registry.add("lethe.portal.limits.code-sends-per-identity", () -> "4");
        registry.add("lethe.portal.limits.code-attempts-per-address", () -> "8");
        registry.add("lethe.portal.sweep-interval", () -> "1s");
        // A tenant with limits of its own (its slug is fixed per test run: tests create it), and signal
        // thresholds a test reaches in a few requests.
        registry.add("lethe.portal.tenants." + OWN_LIMITS_SLUG + ".limits.submissions-per-address", () -> "2");
        registry.add("lethe.portal.signals.code-sends-per-address", () -> "3");
        registry.add("lethe.portal.signals.code-sends-per-identity", () -> "3");
        registry.add("lethe.portal.signals.failed-codes-per-address", () -> "3");
        registry.add("lethe.portal.signals.identities-per-address", () -> "3");
    }

    /** The slug of the tenant whose {@code submissions-per-address} is 2 instead of the context's 4. */
    static final String OWN_LIMITS_SLUG = dev.lethe.infra.testing.UniqueNames.of("portal-own-limits");

    /** The mails received for {@code to}, oldest first. */
    static List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(message -> recipients(message).contains(to))
                .toList();
    }

    /** Waits for the {@code n}th mail to {@code to} and returns its text. */
    static String awaitMail(String to, int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (mailsTo(to).size() < n) {
            assertThat(Instant.now()).as("mail %d to arrive", n).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            return mailsTo(to).get(n - 1).getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code in the {@code n}th mail to {@code to}. */
    static String awaitCode(String to, int n) {
        Matcher matcher = CODE.matcher(awaitMail(to, n));
        assertThat(matcher.find()).as("a 6-digit code in the mail").isTrue();
        return matcher.group(1);
    }

    /** The token at the end of a redirect to a verify or status page. */
    static String tokenOf(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The request a page's token stands for, read as the database's owner (by the token's hash, as stored). */
    static UUID requestOf(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return owner().select(PORTAL_REQUEST.REQUEST_ID)
                    .from(PORTAL_REQUEST)
                    .where(PORTAL_REQUEST.STATUS_TOKEN_HASH.eq(hash))
                    .fetchSingle(PORTAL_REQUEST.REQUEST_ID);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
