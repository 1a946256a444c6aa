package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The data-subject portal over HTTP against the whole application, with the codes read from the SMTP
 * server the mails really went to: filing, wrong, used-up and expired codes, the verified request
 * reaching the officers' list only then, status pages that show nothing personal and cannot be guessed,
 * unverified requests expiring, and the limits (429 with Retry-After). Each test comes from its own
 * loopback address.
 */
class PortalIT extends PortalTestBase {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MeterRegistry meters;

    private Tenant tenant;
    private String officerKey;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantAndVisitor() {
        tenant = tenants.create(UniqueNames.of("portal"), "Portal test");
        officerKey = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(
                        tenant.id(),
                        "officer-" + UUID.randomUUID(),
                        officerKey,
                        Set.of(Role.PRIVACY_OFFICER),
                        Scope.all()));
        visitor = newVisitor();
    }

    private PortalVisitor newVisitor() {
        return new PortalVisitor(port, "127.0.0." + ADDRESSES.incrementAndGet());
    }

    private static String email() {
        return UniqueNames.of("ann") + "@example.org";
    }

    private String path(String rest) {
        return "/privacy/" + tenant.slug() + rest;
    }

    /** Files an erasure for {@code email} and returns the token of its verify and status pages. */
    private String file(PortalVisitor from, String email) {
        from.get(path("/new/erasure"));
        HttpResponse<String> filed = from.post(path("/new/erasure"), Map.of("email", email));
        if (filed.statusCode() == 400 && from.challenge() != null) {
            // The identity is near its limit: the answer asks for a proof of work, which the visitor solves.
            filed = from.post(path("/new/erasure"), Map.of("email", email));
        }
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String location = filed.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains(path("/verify/"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> enter(PortalVisitor from, String token, String code) {
        from.get(path("/verify/" + token));
        return from.post(path("/verify/" + token), Map.of("code", code));
    }

    private static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }

    private String officersList(String query) throws Exception {
        HttpResponse<String> list = get("/api/v1/requests?limit=1000" + query, officerKey);
        assertThat(list.statusCode()).isEqualTo(200);
        return list.body();
    }

    private String statusOf(UUID request) {
        return owner().select(REQUEST.STATUS)
                .from(REQUEST)
                .where(REQUEST.ID.eq(request))
                .fetchSingle(REQUEST.STATUS);
    }

    @Test
    void theRightCodeVerifiesTheRequestAndOnlyThenItReachesTheOfficers() throws Exception {
        String email = email();
        String token = file(visitor, email);
        String code = awaitCode(email, 1);
        UUID request = requestOf(token);

        assertThat(statusOf(request)).isEqualTo("IDENTITY_UNVERIFIED");
        assertThat(officersList("")).doesNotContain(request.toString());
        assertThat(officersList("&status=IDENTITY_UNVERIFIED"))
                .as("asked for by its status, an officer sees it")
                .contains(request.toString());

        HttpResponse<String> refused = enter(visitor, token, wrong(code));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("That code is not right");
        assertThat(statusOf(request)).isEqualTo("IDENTITY_UNVERIFIED");

        HttpResponse<String> verified = enter(visitor, token, code);
        assertThat(verified.statusCode()).isEqualTo(302);
        assertThat(verified.headers().firstValue("Location").orElseThrow()).endsWith(path("/status/" + token));
        assertThat(statusOf(request)).isNotEqualTo("IDENTITY_UNVERIFIED");
        assertThat(officersList("")).contains(request.toString());
        assertThat(awaitMail(email, 2)).as("the status link, mailed").contains(path("/status/" + token));

        HttpResponse<String> again = enter(visitor, token, code);
        assertThat(again.statusCode())
                .as("a verified request needs no more codes")
                .isEqualTo(302);
    }

    @Test
    void threeWrongCodesUseTheCodeUpAndANewOneWorks() throws Exception {
        String email = email();
        String token = file(visitor, email);
        String code = awaitCode(email, 1);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(enter(visitor, token, wrong(code)).statusCode()).isEqualTo(400);
        }
        HttpResponse<String> usedUp = enter(visitor, token, code);
        assertThat(usedUp.statusCode())
                .as("the right code after three wrong ones")
                .isEqualTo(410);
        assertThat(usedUp.body()).contains("That code no longer works");
        assertThat(statusOf(requestOf(token))).isEqualTo("IDENTITY_UNVERIFIED");

        visitor.get(path("/verify/" + token));
        HttpResponse<String> resent = visitor.post(path("/verify/" + token + "/resend"), Map.of());
        assertThat(resent.statusCode()).isEqualTo(302);
        String second = awaitCode(email, 2);
        assertThat(enter(visitor, token, code).statusCode())
                .as("the old code stays dead")
                .isIn(400, 410);
        assertThat(enter(visitor, token, second).statusCode()).isEqualTo(302);
        assertThat(statusOf(requestOf(token))).isNotEqualTo("IDENTITY_UNVERIFIED");
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        String email = email();
        String token = file(visitor, email);
        String code = awaitCode(email, 1);
        UUID request = requestOf(token);
        owner().update(PORTAL_REQUEST)
                .set(
                        PORTAL_REQUEST.CODE_EXPIRES_AT,
                        OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .where(PORTAL_REQUEST.REQUEST_ID.eq(request))
                .execute();

        HttpResponse<String> expired = enter(visitor, token, code);

        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(statusOf(request)).isEqualTo("IDENTITY_UNVERIFIED");
    }

    @Test
    void statusPagesShowNothingPersonalAndCannotBeGuessed() throws Exception {
        String email = email();
        visitor.get(path("/new/rectification"));
        HttpResponse<String> filed = visitor.post(
                path("/new/rectification"),
                Map.of(
                        "email", email,
                        "phone", "+49 30 1234567",
                        "correctionOf", "contact.address",
                        "correction", "Ann Example, Sample Street 5"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String location = filed.headers().firstValue("Location").orElseThrow();
        String token = location.substring(location.lastIndexOf('/') + 1);
        UUID request = requestOf(token);
        enter(visitor, token, awaitCode(email, 1));

        HttpResponse<String> status = visitor.get(path("/status/" + token));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body())
                .contains("Correct your data")
                .doesNotContain(email, "1234567", "Sample Street", request.toString());
        assertThat(status.body()).contains("id=\"status-due\"");

        byte[] guess = new byte[32];
        new SecureRandom().nextBytes(guess);
        String guessed = Base64.getUrlEncoder().withoutPadding().encodeToString(guess);
        assertThat(visitor.get(path("/status/" + guessed)).statusCode()).isEqualTo(404);
        assertThat(visitor.get(path("/status/not-a-token")).statusCode()).isEqualTo(404);
        assertThat(visitor.get(path("/verify/" + guessed)).statusCode()).isEqualTo(404);
        Tenant other = tenants.create(UniqueNames.of("portal"), "Another");
        assertThat(visitor.get("/privacy/" + other.slug() + "/status/" + token).statusCode())
                .as("another tenant's page does not know the token")
                .isEqualTo(404);
        assertThat(visitor.get("/privacy/no-such-tenant-"
                                + UUID.randomUUID().toString().substring(0, 8))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anUnverifiedRequestExpires() throws Exception {
        String email = email();
        String token = file(visitor, email);
        String code = awaitCode(email, 1);
        UUID request = requestOf(token);
        owner().update(PORTAL_REQUEST)
                .set(
                        PORTAL_REQUEST.EXPIRES_AT,
                        OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .where(PORTAL_REQUEST.REQUEST_ID.eq(request))
                .execute();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!statusOf(request).equals("CANCELED")) {
            assertThat(Instant.now()).as("the sweep cancels it").isBefore(deadline);
            Thread.sleep(200);
        }

        assertThat(enter(visitor, token, code).headers().firstValue("Location").orElseThrow())
                .as("too late: the code leads to the status page")
                .endsWith("/status/" + token);
        assertThat(statusOf(request)).isEqualTo("CANCELED");
        assertThat(visitor.get(path("/status/" + token)).body()).contains("Closed");
        assertThat(officersList("")).doesNotContain(request.toString());
    }

    @Test
    void fieldsAreCheckedAndFormsNeedTheirCsrfToken() {
        visitor.get(path("/new/rectification"));
        HttpResponse<String> empty = visitor.post(path("/new/rectification"), Map.of("email", "", "correction", ""));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body())
                .contains("Enter your e-mail address.")
                .contains("Choose what should be corrected.")
                .contains("Enter the correct value.");

        HttpResponse<String> tooLong = visitor.post(
                path("/new/erasure"), Map.of("email", "a".repeat(300) + "@example.org", "phone", "call me"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 254 characters").contains("at most 32 characters");

        HttpResponse<String> agent = visitor.post(path("/new/erasure"), Map.of("email", email(), "agent", "true"));
        assertThat(agent.statusCode()).isEqualTo(400);
        assertThat(agent.body()).contains("confirm the declaration");

        assertThat(visitor.get(path("/new/nonsense")).statusCode()).isEqualTo(404);
        assertThat(visitor.postWithout(path("/new/erasure"), Map.of("email", email()))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void tooManySubmissionsFromOneAddressAreRefusedWith429AndRetryAfter() {
        for (int i = 0; i < 4; i++) {
            file(visitor, email());
        }
        visitor.get(path("/new/erasure"));
        HttpResponse<String> limited = visitor.post(path("/new/erasure"), Map.of("email", email()));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(limited.body()).contains("Too many attempts");
        assertThat(meters.counter("lethe.portal.limited", "bucket", "submit-address")
                        .count())
                .isPositive();
    }

    @Test
    void tooManySubmissionsForOneIdentityAreRefusedFromAnyAddress() {
        String email = email();
        for (int i = 0; i < 3; i++) {
            file(newVisitor(), email);
        }
        PortalVisitor another = newVisitor();
        another.get(path("/new/access"));
        HttpResponse<String> limited = another.post(path("/new/access"), Map.of("email", email.toUpperCase()));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void tooManyCodeAttemptsFromOneAddressAreRefused() {
        String token = file(visitor, email());
        for (int attempt = 0; attempt < 8; attempt++) {
            assertThat(visitor.post(path("/verify/" + token), Map.of("code", "000000"))
                            .statusCode())
                    .isIn(400, 410, 302);
        }
        HttpResponse<String> limited = visitor.post(path("/verify/" + token), Map.of("code", "000000"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
}
