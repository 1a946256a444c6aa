package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.web.People;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The portal's abuse controls over HTTP against the whole application: anomaly signals after a burst (in
 * the metrics, the audit log and the admins' security page, with no address or e-mail address in them), a
 * tenant's own limits, the proof-of-work challenge near a limit (missing, wrong and replayed solutions
 * refused, a solved one accepted, nothing filed or mailed without one), and duplicate linking once verified,
 * which an unverified request filed by somebody else cannot use to block or delay the subject's request.
 * Each test comes from its own loopback addresses.
 */
class PortalAbuseIT extends PortalTestBase {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    AuditTrail trail;

    @Autowired
    MeterRegistry meters;

    private Tenant tenant;
    private String officerKey;

    @BeforeEach
    void tenant() {
        tenant = withOfficer(tenants.create(UniqueNames.of("portal-abuse"), "Portal abuse test"));
    }

    private Tenant withOfficer(Tenant created) {
        officerKey = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                created.id(),
                () -> apiKeys.ensure(
                        created.id(),
                        "officer-" + UUID.randomUUID(),
                        officerKey,
                        Set.of(Role.PRIVACY_OFFICER),
                        Scope.all()));
        return created;
    }

    private PortalVisitor newVisitor() {
        // 127.0.1.x: apart from PortalIT's 127.0.0.x, whose limits run in the same application.
        return new PortalVisitor(port, "127.0.1." + ADDRESSES.incrementAndGet());
    }

    private static String email() {
        return UniqueNames.of("bea") + "@example.org";
    }

    private String path(Tenant in, String rest) {
        return "/privacy/" + in.slug() + rest;
    }

    private String path(String rest) {
        return path(tenant, rest);
    }

    /** Files an erasure (solving a challenge when the answer asks for one) and answers the verify token. */
    private String file(PortalVisitor from, Tenant in, String email) {
        from.get(path(in, "/new/erasure"));
        HttpResponse<String> filed = from.post(path(in, "/new/erasure"), Map.of("email", email));
        if (filed.statusCode() == 400 && from.challenge() != null) {
            filed = from.post(path(in, "/new/erasure"), Map.of("email", email));
        }
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        return tokenOf(filed);
    }

    private String file(PortalVisitor from, String email) {
        return file(from, tenant, email);
    }

    private HttpResponse<String> enter(PortalVisitor from, String token, String code) {
        from.get(path("/verify/" + token));
        return from.post(path("/verify/" + token), Map.of("code", code));
    }

    private UUID fileAndVerify(String email, int mail) {
        PortalVisitor visitor = newVisitor();
        String token = file(visitor, email);
        assertThat(enter(visitor, token, awaitCode(email, mail)).statusCode()).isEqualTo(302);
        return requestOf(token);
    }

    private static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void aBurstOnThePortalRaisesSignalsInTheMetricsTheAuditLogAndTheAdminView() throws Exception {
        double sends = count("portal-code-sends");
        double failures = count("portal-failed-codes");
        double identities = count("portal-identities-address");
        PortalVisitor visitor = newVisitor();
        String first = email();

        String token = file(visitor, first);
        file(visitor, email());
        file(visitor, email());
        String code = awaitCode(first, 1);
        for (int i = 0; i < 3; i++) {
            assertThat(enter(visitor, token, wrong(code)).statusCode()).isEqualTo(400);
        }

        List<AuditEntry> raised = signals();
        assertThat(raised)
                .extracting(entry -> entry.details().get("type"))
                .contains("portal-code-sends", "portal-failed-codes", "portal-identities-address");
        assertThat(raised)
                .filteredOn(entry ->
                        "portal-identities-address".equals(entry.details().get("type")))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.target()).startsWith("address:");
                    assertThat(entry.details()).containsEntry("identities", "3");
                });
        assertThat(raised)
                .filteredOn(
                        entry -> "portal-failed-codes".equals(entry.details().get("type")))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details()).containsEntry("failedCodes", "3"));
        for (AuditEntry entry : raised) {
            assertThat(entry.toString())
                    .as("no address and no e-mail address in a signal")
                    .doesNotContain("127.0.")
                    .doesNotContain("@example.org")
                    .doesNotContain(first);
        }
        assertThat(count("portal-code-sends")).isGreaterThan(sends);
        assertThat(count("portal-failed-codes")).isEqualTo(failures + 1);
        assertThat(count("portal-identities-address")).isEqualTo(identities + 1);

        People.Person admin = people().create(tenant, "Ada Admin", Role.ADMIN);
        String page = People.signIn(port, admin).get("/admin/security").body();
        for (AuditEntry entry : raised) {
            assertThat(page)
                    .contains("signal-" + entry.seq())
                    .contains(entry.details().get("type"))
                    .contains(entry.target());
        }
        assertThat(page).doesNotContain(first);
    }

    @Test
    void codesResentToOneIdentityFromSeveralAddressesRaiseASignalNamingItsBucketOnly() {
        String email = email();
        PortalVisitor visitor = newVisitor();
        String token = file(visitor, email);
        for (int resend = 0; resend < 2; resend++) {
            PortalVisitor another = newVisitor();
            another.get(path("/verify/" + token));
            HttpResponse<String> sent = another.post(path("/verify/" + token + "/resend"), Map.of());
            if (sent.statusCode() == 400 && another.challenge() != null) {
                sent = another.post(path("/verify/" + token + "/resend"), Map.of());
            }
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        }

        List<AuditEntry> byIdentity = signals().stream()
                .filter(entry -> "portal-code-sends".equals(entry.details().get("type")))
                .filter(entry -> entry.target().startsWith("send-identity:"))
                .toList();
        assertThat(byIdentity).singleElement().satisfies(entry -> {
            assertThat(entry.details()).containsEntry("codesSent", "3");
            assertThat(entry.target()).doesNotContain(email).matches("send-identity:[0-9a-f]{32}");
        });
    }

    @Test
    void aTenantsOwnLimitHoldsInsteadOfTheDefault() {
        Tenant own = withOfficer(tenants.findBySlug(OWN_LIMITS_SLUG)
                .orElseGet(() -> tenants.create(OWN_LIMITS_SLUG, "Portal own limits")));
        PortalVisitor visitor = newVisitor();
        file(visitor, own, email());
        file(visitor, own, email());
        visitor.get(path(own, "/new/erasure"));
        HttpResponse<String> third = visitor.post(path(own, "/new/erasure"), Map.of("email", email()));
        assertThat(third.statusCode())
                .as("the tenant's own limit: 2 from one address")
                .isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();

        PortalVisitor elsewhere = newVisitor();
        for (int i = 0; i < 3; i++) {
            file(elsewhere, email());
        }
        // The same address on another tenant counts that tenant's buckets, with the default limit (4).
        file(visitor, email());
    }

    @Test
    void theChallengeAppearsNearTheLimitAndOnlyAFreshSolutionIsAccepted() throws Exception {
        PortalVisitor visitor = newVisitor();
        HttpResponse<String> fresh = visitor.get(path("/new/erasure"));
        assertThat(fresh.body()).doesNotContain("name=\"challenge\"");
        file(visitor, email());
        file(visitor, email());

        HttpResponse<String> near = visitor.get(path("/new/erasure"));
        assertThat(near.body())
                .as("half of the 4 filings from one address used")
                .contains("name=\"challenge\"")
                .contains("/js/portal-challenge.js")
                .contains("<noscript>");
        assertThat(near.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        HttpResponse<String> script = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/js/portal-challenge.js"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("challengeSolution");

        String refusedEmail = email();
        HttpResponse<String> missing = visitor.postUnsolved(path("/new/erasure"), Map.of("email", refusedEmail));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Please wait until your browser has finished");
        String challenge = visitor.challenge();
        assertThat(challenge).as("the answer carries a new challenge").isNotNull();

        HttpResponse<String> wrong = visitor.postUnsolved(
                path("/new/erasure"),
                Map.of("email", refusedEmail, "challenge", challenge, "challengeSolution", unsolved(challenge)));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("calculation was not right");

        HttpResponse<String> forged = visitor.postUnsolved(
                path("/new/erasure"),
                Map.of("email", refusedEmail, "challenge", forged(challenge), "challengeSolution", "1"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("is not valid");
        assertThat(mailsTo(refusedEmail)).as("nothing filed, no code sent").isEmpty();

        String solvedEmail = email();
        String valid = visitor.challenge();
        String solution = PortalVisitor.solve(valid);
        HttpResponse<String> solved = visitor.postUnsolved(
                path("/new/erasure"), Map.of("email", solvedEmail, "challenge", valid, "challengeSolution", solution));
        assertThat(solved.statusCode()).as(solved.body()).isEqualTo(302);
        awaitCode(solvedEmail, 1);

        visitor.get(path("/new/erasure"));
        String replayedEmail = email();
        HttpResponse<String> replayed = visitor.postUnsolved(
                path("/new/erasure"),
                Map.of("email", replayedEmail, "challenge", valid, "challengeSolution", solution));
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("already sent once");
        assertThat(mailsTo(replayedEmail)).isEmpty();
    }

    @Test
    void aResendNearTheIdentitysLimitNeedsTheChallengeToo() {
        String email = email();
        PortalVisitor visitor = newVisitor();
        String token = file(visitor, email);
        visitor.get(path("/verify/" + token));
        assertThat(visitor.post(path("/verify/" + token + "/resend"), Map.of()).statusCode())
                .isEqualTo(302);

        // Two of the identity's 4 code sends used: the next resend asks for a proof of work, from any address.
        PortalVisitor another = newVisitor();
        another.get(path("/verify/" + token));
        HttpResponse<String> unsolved = another.postUnsolved(path("/verify/" + token + "/resend"), Map.of());
        assertThat(unsolved.statusCode()).isEqualTo(400);
        assertThat(unsolved.body())
                .contains("Please wait until your browser has finished")
                .contains("name=\"challenge\"");
        assertThat(mailsTo(email)).hasSize(2);

        HttpResponse<String> solved = another.post(path("/verify/" + token + "/resend"), Map.of());
        assertThat(solved.statusCode()).as(solved.body()).isEqualTo(302);
        awaitMail(email, 3);
    }

    @Test
    void aVerifiedDuplicateIsLinkedToTheOpenRequestWhichGoesOnUntouched() throws Exception {
        String email = email();
        UUID original = fileAndVerify(email, 1);
        UUID duplicate = fileAndVerify(email, 3);

        JsonNode linked = request(duplicate);
        assertThat(linked.path("linkedTo").asString()).isEqualTo(original.toString());
        assertThat(linked.toString()).contains("request.identity_verified").contains(original.toString());
        People.Person officer = people().create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        String page = People.signIn(port, officer).get("/requests/" + duplicate).body();
        assertThat(page).contains("Duplicate of").contains("/requests/" + original);
        JsonNode first = request(original);
        assertThat(first.path("linkedTo").isNull() || first.path("linkedTo").isMissingNode())
                .isTrue();
        assertThat(first.path("status").asString()).isNotIn("CANCELED", "DENIED");

        HttpResponse<String> canceled =
                officerPost("/api/v1/requests/" + original + "/cancel", "{\"reason\":\"filed twice by mistake\"}");
        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        JsonNode released = request(duplicate);
        assertThat(released.path("linkedTo").isNull()
                        || released.path("linkedTo").isMissingNode())
                .as("canceling the original lets the duplicate go on by itself")
                .isTrue();
        assertThat(released.path("status").asString()).isNotEqualTo("CANCELED");
    }

    @Test
    void anUnverifiedRequestBySomebodyElseCannotBlockOrDelayTheSubjects() throws Exception {
        String victim = email();
        PortalVisitor attacker = newVisitor();
        String attackers = file(attacker, victim);

        UUID subjects = fileAndVerify(victim, 2);

        JsonNode request = request(subjects);
        assertThat(request.path("linkedTo").isNull() || request.path("linkedTo").isMissingNode())
                .as("never linked to an unverified request")
                .isTrue();
        assertThat(request.path("status").asString()).isNotIn("IDENTITY_UNVERIFIED", "CANCELED");
        assertThat(statusOf(requestOf(attackers)))
                .as("the other one is neither merged nor verified by it")
                .isEqualTo("IDENTITY_UNVERIFIED");
        assertThat(owner().select(REQUEST.LINKED_TO)
                        .from(REQUEST)
                        .where(REQUEST.ID.eq(requestOf(attackers)))
                        .fetchSingle(REQUEST.LINKED_TO))
                .isNull();

        // Nor does a later request of the subject follow the unverified one: it follows the subject's own.
        UUID again = fileAndVerify(victim, 4);
        assertThat(request(again).path("linkedTo").asString()).isEqualTo(subjects.toString());
    }

    private JsonNode request(UUID id) throws Exception {
        HttpResponse<String> response = get("/api/v1/requests/" + id, officerKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> officerPost(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + officerKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private String statusOf(UUID request) {
        return owner().select(REQUEST.STATUS)
                .from(REQUEST)
                .where(REQUEST.ID.eq(request))
                .fetchSingle(REQUEST.STATUS);
    }

    private List<AuditEntry> signals() {
        return as(
                tenant.id(),
                () -> trail.page(tenant.id(), new AuditQuery(null, null, null, "security.signal", null, null, 100)));
    }

    private double count(String type) {
        var counter = meters.find("lethe.security.signals").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A number that does not solve the challenge: any below the first that does, or a large one. */
    private static String unsolved(String challenge) {
        long first = Long.parseLong(PortalVisitor.solve(challenge));
        return first > 0 ? Long.toString(first - 1) : "999999999999";
    }

    /** The challenge with its difficulty lowered to 1 bit: its HMAC no longer matches. */
    private static String forged(String challenge) {
        String[] parts = challenge.split("\\.");
        return String.join(".", parts[0], parts[1], "1", parts[3], parts[4]);
    }
}
