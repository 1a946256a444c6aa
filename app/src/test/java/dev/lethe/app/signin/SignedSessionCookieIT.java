package dev.lethe.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The session cookie carries the session id with an HMAC tag under a key sealed by the KMS: the ids
 * in {@code spring_session}, which anyone with a copy of the database reads, do not make a cookie,
 * and neither does a session row written by someone with the application's database rights.
 */
class SignedSessionCookieIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    private Person officer;

    @BeforeEach
    void person() {
        Tenant tenant = tenants.create(UniqueNames.of("session-cookie"), "Session cookie test");
        officer = people().create(tenant, "Sam Session", Role.PRIVACY_OFFICER);
    }

    @Test
    void theCookieIsTheStoredSessionIdWithATagAndOnlyTheTaggedValueSignsIn() throws Exception {
        WebClient browser = People.signIn(port, officer);
        String cookie = decoded(browser.cookie("LETHE_SESSION").orElseThrow());
        String sessionId = cookie.substring(0, cookie.indexOf('.'));

        assertThat(owner().fetchCount(
                                DSL.table("spring_session"),
                                DSL.field("session_id").eq(sessionId),
                                DSL.field("principal_name")
                                        .eq("user:" + officer.account().id())))
                .as("the session is stored under the id the cookie names")
                .isOne();
        assertThat(cookie).as("id, key id and tag").matches("[0-9a-f-]{36}\\.[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}");

        assertThat(homeWith(encoded(cookie)).statusCode()).as("the real cookie").isEqualTo(200);
        assertThat(signInRedirect(homeWith(encoded(sessionId))))
                .as("the bare id read from the database")
                .isTrue();
        assertThat(signInRedirect(homeWith(sessionId)))
                .as("the bare id, not encoded")
                .isTrue();
    }

    @Test
    void aSessionRowWrittenIntoTheDatabaseIsReachableFromNoCookie() throws Exception {
        WebClient browser = People.signIn(port, officer);
        String cookie = decoded(browser.cookie("LETHE_SESSION").orElseThrow());
        String[] parts = cookie.split("\\.");
        String planted = UUID.randomUUID().toString();
        owner().execute(
                        "insert into spring_session (primary_id, session_id, creation_time, last_access_time,"
                                + " max_inactive_interval, expiry_time, principal_name)"
                                + " select ?, ?, creation_time, last_access_time, max_inactive_interval, expiry_time,"
                                + " principal_name from spring_session where session_id = ?",
                        UUID.randomUUID().toString(),
                        planted,
                        parts[0]);
        owner().execute(
                        "insert into spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
                                + " select (select primary_id from spring_session where session_id = ?), attribute_name,"
                                + " attribute_bytes from spring_session_attributes a join spring_session s"
                                + " on s.primary_id = a.session_primary_id where s.session_id = ?",
                        planted,
                        parts[0]);

        String reusedTag = planted + "." + parts[1] + "." + parts[2];
        assertThat(signInRedirect(homeWith(encoded(reusedTag))))
                .as("the copied session under another id, with the real cookie's tag")
                .isTrue();
        assertThat(signInRedirect(homeWith(encoded(planted))))
                .as("the copied session's bare id")
                .isTrue();
        assertThat(homeWith(encoded(cookie)).statusCode())
                .as("the real session still works")
                .isEqualTo(200);
    }

    @Test
    void signingInChangesTheSessionIdAndTheCookieFromBeforeNamesNoSessionAfterwards() throws Exception {
        // Session fixation: someone who planted (or read) the cookie of the sign-in page must not ride
        // on the session the person then signs into.
        WebClient browser = new WebClient(port);
        browser.get("/sign-in?tenant=" + officer.tenant().slug());
        String before = browser.cookie("LETHE_SESSION").orElseThrow();
        String idBefore = sessionId(before);
        assertThat(owner().fetchCount(
                                DSL.table("spring_session"),
                                DSL.field("session_id").eq(idBefore)))
                .as("the sign-in page has a session (its CSRF token)")
                .isOne();

        People.signIn(browser, officer);

        String after = browser.cookie("LETHE_SESSION").orElseThrow();
        assertThat(sessionId(after)).isNotEqualTo(idBefore);
        assertThat(homeWith(after).statusCode()).isEqualTo(200);
        assertThat(signInRedirect(homeWith(before)))
                .as("the cookie from before signing in")
                .isTrue();
        assertThat(owner().fetchCount(
                                DSL.table("spring_session"),
                                DSL.field("session_id").eq(idBefore)))
                .as("no session is stored under the old id")
                .isZero();
    }

    @Test
    void signingOutEndsTheSessionTheCookieNamed() throws Exception {
        WebClient browser = People.signIn(port, officer);
        String cookie = browser.cookie("LETHE_SESSION").orElseThrow();

        browser.post("/sign-out", Map.of());

        assertThat(signInRedirect(homeWith(cookie))).isTrue();
    }

    @Test
    void theKekRotatesTwiceAndTheSessionKeysMoveWithIt() throws Exception {
        WebClient browser = People.signIn(port, officer);
        CatalogHttp admin = new CatalogHttp(port, ADMIN_KEY);

        for (int rotation = 1; rotation <= 2; rotation++) {
            HttpResponse<String> rotated = admin.post("/api/v1/vault/kek/rotate", Map.of());
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            int newVersion = CatalogHttp.body(rotated).get("newVersion").asInt();

            assertThat(owner().fetch("select * from lethe_web_session_key_kek_versions()")
                            .getValues(0, Integer.class))
                    .as("rotation " + rotation)
                    .containsExactly(newVersion);
            assertThat(browser.get("/dashboard").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> homeWith(String cookieValue) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dashboard"))
                .header("Cookie", "LETHE_SESSION=" + cookieValue)
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean signInRedirect(HttpResponse<String> response) {
        return response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").contains("/sign-in");
    }

    private static String sessionId(String cookieValue) {
        String cookie = decoded(cookieValue);
        return cookie.substring(0, cookie.indexOf('.'));
    }

    private static String decoded(String cookieValue) {
        return new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.US_ASCII);
    }

    private static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII));
    }
}
