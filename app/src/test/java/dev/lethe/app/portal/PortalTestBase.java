package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.local.GreenMailOutbox;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.ui.outbox.Outbox;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.RequestPackages;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the portal's mail going to a GreenMail SMTP server this test JVM runs on a free
 * loopback port, over TLS as production should ({@code lethe.portal.mail.ssl=true}, the server's certificate
 * trusted through an SSL bundle, its host name checked: the server speaks only TLS, so every mail a test reads
 * went over it), and small limits a test can reach. Portal tests share this one context (a second one
 * beside the plain {@link AppIntegrationTest}'s: the other tests' context is left as it is).
 */
@Import(PortalTestBase.EmbeddedOutbox.class)
abstract class PortalTestBase extends AppIntegrationTest {

    /** The test's SMTP server as the outbox page's, as {@code ./lethe up}'s embedded server is. */
    @TestConfiguration(proxyBeanMethods = false)
    static class EmbeddedOutbox {
        @Bean
        Outbox testOutbox() {
            return new GreenMailOutbox(MAIL);
        }
    }

    @Autowired
    RequestPackages packages;

    @Autowired
    CatalogFacts facts;

    static final GreenMail MAIL = startMail();

    /** The SSL bundle the portal trusts the relay's certificate through. */
    static final String MAIL_BUNDLE = "portal-mail";

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    /** Every tenant's logo on the test's portal pages: a small PNG made here. */
    static final Path LOGO = logo();

    private static Path logo() {
        try {
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            Path file =
                    Files.createDirectories(Path.of("target", "portal-logo")).resolve("logo.png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
        registry.add("lethe.portal.logos.default", () -> LOGO.toAbsolutePath().toString());
        // A tenant with limits of its own (its slug is fixed per test run: tests create it), and signal
        // thresholds a test reaches in a few requests.
        registry.add("lethe.portal.tenants." + OWN_LIMITS_SLUG + ".limits.submissions-per-address", () -> "2");
        // A tenant whose form asks for a customer number (required, checked), a loyalty card and a member id
        // (optional, labelled here), instead of the phone number.
        String identities = "lethe.portal.tenants." + IDENTITIES_SLUG + ".identities.";
        registry.add(identities + "customer-number.max-length", () -> "8");
        registry.add(identities + "customer-number.pattern", () -> "[A-Z]{2}[0-9]{6}");
        registry.add(identities + "customer-number.required", () -> "true");
        registry.add(identities + "loyalty-card.max-length", () -> "16");
        registry.add(identities + "member-id.max-length", () -> "12");
        registry.add(identities + "member-id.label.en", () -> "Club member number");
        registry.add(identities + "member-id.label.de", () -> "Mitgliedsnummer im Club");
        registry.add("lethe.portal.signals.code-sends-per-address", () -> "3");
        registry.add("lethe.portal.signals.code-sends-per-identity", () -> "3");
        registry.add("lethe.portal.signals.failed-codes-per-address", () -> "3");
        registry.add("lethe.portal.signals.identities-per-address", () -> "3");
    }

    /** The slug of the tenant whose {@code submissions-per-address} is 2 instead of the context's 4. */
    static final String OWN_LIMITS_SLUG = dev.lethe.infra.testing.UniqueNames.of("portal-own-limits");

    /** The slug of the tenant whose form asks for a customer number, a loyalty card and a member id. */
    static final String IDENTITIES_SLUG = dev.lethe.infra.testing.UniqueNames.of("portal-identities");

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

    /** Loopback addresses 127.0.3.x for the download, magic link and outbox tests: limits of their own. */
    private static final AtomicInteger VERIFY_ADDRESSES = new AtomicInteger(0);

    private static final Pattern MAGIC_LINK =
            Pattern.compile("(/privacy/[^/\\s]+/verify/[A-Za-z0-9_-]{43}/link/[A-Za-z0-9_-]{43})");

    /** A person's browser from an address of its own in 127.0.3.0/24. */
    PortalVisitor visitorOfItsOwn() {
        return new PortalVisitor(port, "127.0.3." + (VERIFY_ADDRESSES.incrementAndGet() % 250 + 1));
    }

    /** Files a request of {@code type} ({@code access}, {@code erasure}...) and returns its token. */
    static String file(PortalVisitor from, Tenant tenant, String type, String email) {
        String form = "/privacy/" + tenant.slug() + "/new/" + type;
        from.get(form);
        HttpResponse<String> filed = from.post(form, Map.of("email", email));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        return tokenOf(filed);
    }

    /** Files a request and verifies it with the mailed code (the first mail to {@code email}); returns its token. */
    static String fileAndVerify(PortalVisitor from, Tenant tenant, String type, String email) {
        String token = file(from, tenant, type, email);
        String verify = "/privacy/" + tenant.slug() + "/verify/" + token;
        from.get(verify);
        HttpResponse<String> verified = from.post(verify, Map.of("code", awaitCode(email, 1)));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(302);
        return token;
    }

    /** The path of the magic link in a code mail. */
    static String magicLinkIn(String mail) {
        Matcher matcher = MAGIC_LINK.matcher(mail);
        assertThat(matcher.find()).as("a magic link in the mail: %s", mail).isTrue();
        return matcher.group(1);
    }

    /**
     * Completes a verified access or export request as its workflow would at the end: its package assembled
     * from what a system returned, and the request {@code COMPLETED}.
     */
    void completeWithPackage(Tenant tenant, UUID request, String type, String value) {
        as(tenant.id(), () -> {
            packages.parts()
                    .write(tenant.id(), request, "shop", sink -> sink.accept("customers", Map.of("note", value)));
            packages.assemble(
                    tenant.id(),
                    request,
                    type,
                    List.of("shop"),
                    found -> facts.of(tenant.id(), found),
                    Duration.ofDays(1));
        });
        complete(request);
    }

    /** Marks the request done, as its workflow does at the end. */
    static void complete(UUID request) {
        owner().update(REQUEST)
                .set(REQUEST.STATUS, "COMPLETED")
                .where(REQUEST.ID.eq(request))
                .execute();
    }

    /** How many {@code action} entries the tenant's audit trail holds, and their details, as stored. */
    static List<String> audited(Tenant tenant, String action) {
        return owner()
                .select(AUDIT_ENTRY.ACTOR_ID, AUDIT_ENTRY.TARGET, AUDIT_ENTRY.DETAILS)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.ACTION.eq(action))
                .fetch(row -> row.value1() + " " + row.value2() + " " + row.value3())
                .stream()
                .toList();
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
