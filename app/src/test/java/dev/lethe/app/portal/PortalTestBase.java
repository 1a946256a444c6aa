package dev.lethe.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.lethe.app.AppIntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the portal's mail going to a GreenMail SMTP server this test JVM runs on a free
 * loopback port, and small limits a test can reach. Portal tests share this one context (a second one
 * beside the plain {@link AppIntegrationTest}'s: the other tests' context is left as it is).
 */
abstract class PortalTestBase extends AppIntegrationTest {

    static final GreenMail MAIL = startMail();

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    @DynamicPropertySource
    static void portal(DynamicPropertyRegistry registry) {
        registry.add("lethe.portal.mail.host", () -> "127.0.0.1");
        registry.add("lethe.portal.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("lethe.portal.mail.from", () -> "privacy@portal.test");
        registry.add("lethe.portal.limits.submissions-per-address", () -> "4");
        registry.add("lethe.portal.limits.submissions-per-identity", () -> "3");
        registry.add("lethe.portal.limits.code-sends-per-address", () -> "8");
        registry.add("lethe.portal.limits.code-sends-per-identity", () -> "4");
        registry.add("lethe.portal.limits.code-attempts-per-address", () -> "8");
        registry.add("lethe.portal.sweep-interval", () -> "1s");
    }

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

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
