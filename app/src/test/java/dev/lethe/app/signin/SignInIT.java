package dev.lethe.app.signin;

import static dev.lethe.catalog.jooq.Tables.APP_USER;
import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.signin.PasswordHashing;
import dev.lethe.ui.signin.Totp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signing in to the web UI over HTTP against the whole application: password, second-factor
 * enrolment, TOTP, lock-out, set-up links, sign-out, and the browser hardening of the pages.
 */
class SignInIT extends AppIntegrationTest {

    static final String PASSWORD = "correct horse battery staple";
    private static final Pattern MANUAL_KEY = Pattern.compile("id=\"manual-key\">([A-Z2-7 ]+)<");

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordHashing hashing;

    private Tenant tenant;

    /** The time step whose code the last enrolment used (and so used up). */
    private long enrolmentStep;

    @BeforeEach
    void tenant() {
        tenant = tenants.create(UniqueNames.of("signin"), "Sign-in test");
    }

    private Account person(String email, Role role) {
        return as(
                tenant.id(),
                () -> accounts.create(new NewAccount(
                        tenant.id(),
                        email,
                        "Pat Person",
                        Set.of(role),
                        AccountStatus.ACTIVE,
                        hashing.hash(PASSWORD),
                        null)));
    }

    private HttpResponse<String> password(WebClient browser, String email, String password) {
        browser.get("/sign-in?tenant=" + tenant.slug());
        return browser.post("/sign-in", Map.of("tenant", tenant.slug(), "email", email, "password", password));
    }

    /** Signs in for the first time (password, enrolment) and returns the TOTP secret. */
    private byte[] enrol(WebClient browser, String email) {
        HttpResponse<String> afterPassword = password(browser, email, PASSWORD);
        assertThat(afterPassword.statusCode()).isEqualTo(302);
        assertThat(location(afterPassword)).endsWith("/sign-in/enrol");
        HttpResponse<String> enrolPage = browser.get("/sign-in/enrol");
        Matcher key = MANUAL_KEY.matcher(enrolPage.body());
        assertThat(key.find()).as(enrolPage.body()).isTrue();
        byte[] secret = Totp.secretOfManualKey(key.group(1));
        HttpResponse<String> qr = browser.get("/sign-in/enrol/qr.svg");
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        enrolmentStep = Totp.step(Instant.now());
        HttpResponse<String> codes = browser.post("/sign-in/enrol", Map.of("code", Totp.code(secret, enrolmentStep)));
        assertThat(codes.statusCode()).as(codes.body()).isEqualTo(200);
        assertThat(codes.body()).contains("Your recovery codes");
        return secret;
    }

    @Test
    void aPersonEnrolsASecondFactorThenSignsInWithPasswordAndCode() {
        Account pat = person("pat@example.org", Role.PRIVACY_OFFICER);
        WebClient browser = new WebClient(port);
        byte[] secret = enrol(browser, "pat@example.org");

        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Pat Person").contains("privacy officer");
        // The session lives in PostgreSQL, indexed by the person's id, with the idle time-out (30 min).
        var session = owner().fetchOne(
                        "select max_inactive_interval, principal_name from spring_session where principal_name = ?",
                        "user:" + pat.id());
        assertThat(session).as("the signed-in session is stored").isNotNull();
        assertThat(session.get(0, Integer.class)).isEqualTo(1800);

        HttpResponse<String> signedOut = browser.post("/sign-out", Map.of());
        assertThat(location(signedOut)).endsWith("/sign-in?signed-out");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
        assertThat(owner().fetchCount(
                                owner().selectFrom("spring_session").where("principal_name = ?", "user:" + pat.id())))
                .as("signing out removes the session")
                .isZero();

        HttpResponse<String> afterPassword = password(browser, "PAT@example.org", PASSWORD);
        assertThat(location(afterPassword)).endsWith("/sign-in/second-factor");
        browser.get("/sign-in/second-factor");
        long step = enrolmentStep;
        // The enrolment's code was accepted for this step already: the same code again is a replay.
        HttpResponse<String> replay = browser.post("/sign-in/second-factor", Map.of("code", Totp.code(secret, step)));
        assertThat(replay.statusCode()).isEqualTo(401);
        HttpResponse<String> signedIn =
                browser.post("/sign-in/second-factor", Map.of("code", Totp.code(secret, step + 1)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(location(signedIn)).endsWith("/");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        assertThat(actions(pat.id()))
                .contains("user.second_factor.enrolled", "user.signed_in", "user.signed_out", "user.sign_in.failed");
        assertThat(owner().select(APP_USER.LAST_SIGN_IN_AT, APP_USER.FAILED_ATTEMPTS)
                        .from(APP_USER)
                        .where(APP_USER.ID.eq(pat.id()))
                        .fetchSingle()
                        .value2())
                .as("a success forgets the failure")
                .isZero();
    }

    @Test
    void signingOutEverywhereEndsThePersonsOtherSessionsToo() {
        Account pat = person("everywhere@example.org", Role.ENGINEER);
        WebClient laptop = new WebClient(port);
        byte[] secret = enrol(laptop, "everywhere@example.org");
        WebClient phone = new WebClient(port);
        password(phone, "everywhere@example.org", PASSWORD);
        phone.get("/sign-in/second-factor");
        HttpResponse<String> second =
                phone.post("/sign-in/second-factor", Map.of("code", Totp.code(secret, Totp.step(Instant.now()) + 1)));
        assertThat(location(second)).endsWith("/");
        assertThat(laptop.get("/").statusCode()).isEqualTo(200);
        assertThat(phone.get("/").statusCode()).isEqualTo(200);

        HttpResponse<String> everywhere = phone.post("/account/sign-out-everywhere", Map.of());

        assertThat(location(everywhere)).endsWith("/sign-in?signed-out");
        assertThat(laptop.get("/").statusCode()).isEqualTo(302);
        assertThat(phone.get("/").statusCode()).isEqualTo(302);
        assertThat(actions(pat.id())).contains("user.sessions.ended");
    }

    @Test
    void aWrongCodeIsRefusedAndCounted() {
        Account pat = person("wrong-code@example.org", Role.AUDITOR);
        WebClient browser = new WebClient(port);
        byte[] secret = enrol(browser, "wrong-code@example.org");
        browser.post("/sign-out", Map.of());

        password(browser, "wrong-code@example.org", PASSWORD);
        browser.get("/sign-in/second-factor");
        String wrong = Totp.code(secret, Totp.step(Instant.now()) + 5);
        HttpResponse<String> refused = browser.post("/sign-in/second-factor", Map.of("code", wrong));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("That code is not right");
        assertThat(failedAttempts(pat.id())).isEqualTo(1);
        assertThat(browser.get("/").statusCode()).as("still not signed in").isEqualTo(302);
    }

    @Test
    void aRecoveryCodeSignsInOnce() {
        person("recovery@example.org", Role.ENGINEER);
        WebClient browser = new WebClient(port);
        password(browser, "recovery@example.org", PASSWORD);
        browser.get("/sign-in/enrol");
        String page = browser.get("/sign-in/enrol").body();
        Matcher key = MANUAL_KEY.matcher(page);
        assertThat(key.find()).isTrue();
        byte[] secret = Totp.secretOfManualKey(key.group(1));
        String codesPage = browser.post("/sign-in/enrol", Map.of("code", Totp.code(secret, Totp.step(Instant.now()))))
                .body();
        Matcher code = Pattern.compile("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")
                .matcher(codesPage);
        assertThat(code.find()).isTrue();
        String recovery = code.group();
        browser.post("/sign-out", Map.of());

        password(browser, "recovery@example.org", PASSWORD);
        browser.get("/sign-in/second-factor");
        assertThat(location(browser.post("/sign-in/second-factor", Map.of("code", recovery.toLowerCase()))))
                .endsWith("/");
        assertThat(browser.get("/account/status").body()).contains(">9<");
        browser.post("/sign-out", Map.of());

        password(browser, "recovery@example.org", PASSWORD);
        browser.get("/sign-in/second-factor");
        assertThat(browser.post("/sign-in/second-factor", Map.of("code", recovery))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountForAWhile() {
        Account pat = person("locked@example.org", Role.AUDITOR);
        WebClient browser = new WebClient(port);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = password(browser, "locked@example.org", "not the password " + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("The e-mail address or the password is not right.");
        }
        HttpResponse<String> right = password(browser, "locked@example.org", PASSWORD);

        assertThat(right.statusCode()).isEqualTo(401);
        assertThat(right.body()).contains("paused after too many failed attempts");
        assertThat(actions(pat.id())).contains("user.locked");
        Instant lockedUntil = owner().select(APP_USER.LOCKED_UNTIL)
                .from(APP_USER)
                .where(APP_USER.ID.eq(pat.id()))
                .fetchSingle()
                .value1()
                .toInstant();
        assertThat(lockedUntil).isAfter(Instant.now());
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAsAWrongPassword() {
        person("known@example.org", Role.AUDITOR);
        WebClient browser = new WebClient(port);

        HttpResponse<String> unknown = password(browser, "nobody@example.org", PASSWORD);
        HttpResponse<String> wrong = password(browser, "known@example.org", "not the password at all");

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("The e-mail address or the password is not right.");
        assertThat(unknown.body()).doesNotContain("nobody@example.org\" disabled");
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() {
        person("csrf@example.org", Role.AUDITOR);
        WebClient browser = new WebClient(port);
        browser.get("/sign-in?tenant=" + tenant.slug());

        HttpResponse<String> forged = browser.postWithout(
                "/sign-in", Map.of("tenant", tenant.slug(), "email", "csrf@example.org", "password", PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void pagesAreHardened() {
        WebClient browser = new WebClient(port);

        HttpResponse<String> page = browser.get("/sign-in");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'")
                        .contains("script-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline")
                        .doesNotContain("unsafe-eval"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("LETHE_SESSION=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"");
        assertThat(page.body()).contains("src=\"/js/htmx.min.js\"");
        assertThat(browser.get("/js/htmx.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesNeedASignedInPerson() {
        WebClient browser = new WebClient(port);

        for (String page : List.of("/", "/account/status", "/sign-out-of-nowhere")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(location(response)).as(page).endsWith("/sign-in");
        }
        // htmx swaps fragments: it is told to load the sign-in page instead of following a redirect.
        HttpResponse<String> fragment = browser.get("/account/status", Map.of("HX-Request", "true"));
        assertThat(fragment.statusCode()).isEqualTo(401);
        assertThat(fragment.headers().firstValue("HX-Redirect")).hasValue("/sign-in");
        // Signing out everywhere needs a session and the form's token.
        assertThat(browser.postWithout("/account/sign-out-everywhere", Map.of()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aSetupLinkLetsAnInvitedPersonChooseAPasswordOnce() {
        Account invited = as(
                tenant.id(),
                () -> accounts.create(NewAccount.invited(
                        tenant.id(), "invited@example.org", "Ivy Invited", Set.of(Role.PRIVACY_OFFICER))));
        String token = "setup-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        as(
                tenant.id(),
                () -> accounts.issueSetupToken(
                        tenant.id(), invited.id(), token, Instant.now().plusSeconds(3600)));
        WebClient browser = new WebClient(port);

        assertThat(browser.get("/setup/" + token).body()).contains("invited@example.org");
        HttpResponse<String> common = browser.post(
                "/setup/" + token,
                Map.of("displayName", "Ivy Invited", "password", "password1234", "repeat", "password1234"));
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("most commonly used");
        HttpResponse<String> chosen = browser.post(
                "/setup/" + token, Map.of("displayName", "Ivy Invited", "password", PASSWORD, "repeat", PASSWORD));
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(302);
        assertThat(location(chosen)).endsWith("/sign-in/enrol");
        assertThat(browser.get("/sign-in/enrol").body()).contains("manual-key");

        Account active =
                as(tenant.id(), () -> accounts.find(tenant.id(), invited.id())).orElseThrow();
        assertThat(active.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(hashing.matches(PASSWORD, active.passwordHash())).isTrue();
        assertThat(new WebClient(port).get("/setup/" + token).statusCode())
                .as("used once")
                .isEqualTo(410);
    }

    private int failedAttempts(UUID userId) {
        return owner().select(APP_USER.FAILED_ATTEMPTS)
                .from(APP_USER)
                .where(APP_USER.ID.eq(userId))
                .fetchSingle()
                .value1();
    }

    private List<String> actions(UUID userId) {
        return owner().select(AUDIT_ENTRY.ACTION)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.TARGET.eq("user:" + userId))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(AUDIT_ENTRY.ACTION);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }
}
