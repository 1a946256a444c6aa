package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.SsoIntegrationTest;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestKeycloak;
import dev.lethe.ui.security.oidc.OidcSignIn;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What binds the provider's answer to the browser that asked for it, against the real provider: a
 * return to Lethe with no state, another state, or a state and code that belong to another browser's
 * sign-in is refused, and so is an ID token that carries another nonce or none; none of them makes a
 * session or an account sign-in. Each refused return is then shown to be otherwise good where it can be
 * (the same code with its own state signs in), so the refusal is the state's or the nonce's.
 */
class OidcStateAndNonceIT extends SsoIntegrationTest {

    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
    /** Not a person OidcSignInIT counts sign-ins of, links or disables: the classes share the tenant. */
    private static final String PERSON = "admin@example.com";

    @Autowired
    Tenants tenants;

    private UUID tenant;

    @BeforeEach
    void tenantOfTheRealm() {
        tenant = ssoTenant(tenants);
    }

    @Test
    void aReturnWithoutItsStateOrWithAnotherIsRefusedAndSignsNobodyIn() throws Exception {
        var browser = new CookieJarBrowser();
        String callback = atProvider(browser, start(browser), PERSON);
        int before = signIns();

        assertThat(back(browser, without(callback, "state"))).isEqualTo(OidcSignIn.FAILURE_URL);
        assertThat(back(browser, with(callback, "state", "forged-" + UUID.randomUUID())))
                .isEqualTo(OidcSignIn.FAILURE_URL);

        assertThat(signedIn(browser)).isFalse();
        assertThat(signIns()).isEqualTo(before);
        // The code was good all along: with its own state it signs the person in (and goes on to the
        // home page the browser asked for meanwhile).
        assertThat(back(browser, callback)).isIn("/", "/?continue");
        assertThat(signedIn(browser)).isTrue();
        assertThat(signIns()).isEqualTo(before + 1);
    }

    @Test
    void aReturnReplayedInAnotherBrowserIsRefusedBeforeAndAfterItsUse() throws Exception {
        var person = new CookieJarBrowser();
        String callback = atProvider(person, start(person), PERSON);
        int before = signIns();

        // Intercepted (a proxy log, a shared screen) and replayed before the person's browser uses it:
        // in a browser that started no sign-in, and in one that started its own.
        var attacker = new CookieJarBrowser();
        assertThat(back(attacker, callback)).isEqualTo(OidcSignIn.FAILURE_URL);
        var attackerWithOwnSignIn = new CookieJarBrowser();
        start(attackerWithOwnSignIn);
        assertThat(back(attackerWithOwnSignIn, callback)).isEqualTo(OidcSignIn.FAILURE_URL);

        assertThat(back(person, callback)).isEqualTo("/");

        // Replayed after use, in a fresh browser and in the person's own.
        var later = new CookieJarBrowser();
        assertThat(back(later, callback)).isEqualTo(OidcSignIn.FAILURE_URL);
        for (CookieJarBrowser other : new CookieJarBrowser[] {attacker, attackerWithOwnSignIn, later}) {
            assertThat(signedIn(other)).isFalse();
        }
        assertThat(signedIn(person)).isTrue();
        assertThat(signIns()).as("the person's one sign-in").isEqualTo(before + 1);
    }

    @Test
    void aCodeDeliveredWithAnotherBrowsersStateIsRefused() throws Exception {
        // Code injection: the attacker's browser has a sign-in of its own under way and receives the
        // person's code with its own state, so the state matches; the code was issued for the person's
        // PKCE challenge and its ID token for the person's nonce, so the exchange is refused.
        var person = new CookieJarBrowser();
        String callback = atProvider(person, start(person), PERSON);
        var attacker = new CookieJarBrowser();
        String attackersState = parameter(start(attacker), "state");
        int before = signIns();

        assertThat(back(attacker, with(callback, "state", attackersState))).isEqualTo(OidcSignIn.FAILURE_URL);

        assertThat(signedIn(attacker)).isFalse();
        assertThat(signIns()).isEqualTo(before);
    }

    @Test
    void anIdTokenIssuedForAnotherNonceOrForNoneIsRefused() throws Exception {
        int before = signIns();
        // The provider signs whatever nonce the authorization request carried into the ID token: here
        // another sign-in's, then none, while the state and the PKCE verifier are the browser's own.
        var browser = new CookieJarBrowser();
        String othersNonce = parameter(start(new CookieJarBrowser()), "nonce");
        String request = start(browser);
        assertThat(othersNonce).isNotEqualTo(parameter(request, "nonce"));
        String callback = atProvider(browser, with(request, "nonce", othersNonce), PERSON);

        assertThat(back(browser, callback)).isEqualTo(OidcSignIn.FAILURE_URL);
        assertThat(signedIn(browser)).isFalse();

        var withoutNonce = new CookieJarBrowser();
        String bare = atProvider(withoutNonce, without(start(withoutNonce), "nonce"), PERSON);

        assertThat(back(withoutNonce, bare)).isEqualTo(OidcSignIn.FAILURE_URL);
        assertThat(signedIn(withoutNonce)).isFalse();
        assertThat(signIns()).isEqualTo(before);

        // The same walk with the nonce untouched signs in: what was refused is the nonce.
        var untouched = new CookieJarBrowser();
        assertThat(back(untouched, atProvider(untouched, start(untouched), PERSON)))
                .isEqualTo("/");
        assertThat(signIns()).isEqualTo(before + 1);
    }

    /** Sign-ins through the provider that Lethe accepted in the realm's tenant. */
    private int signIns() {
        return owner().fetchCount(
                        DSL.table("audit_entry"),
                        DSL.field("tenant_id").eq(tenant),
                        DSL.field("action").eq("sign_in.sso"));
    }

    /** Lethe's redirect to the provider: the authorization request, with state, nonce and PKCE. */
    private String start(CookieJarBrowser browser) throws Exception {
        HttpResponse<String> start = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/sso")));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String request = location(start);
        assertThat(request).startsWith(keycloak().issuer(TestKeycloak.REALM)).contains("state=", "nonce=");
        return request;
    }

    /** Signs in at the provider with this authorization request; answers the return URL it redirects to. */
    private String atProvider(CookieJarBrowser browser, String authorizationRequest, String email) throws Exception {
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(authorizationRequest)));
        assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
        Matcher form = LOGIN_FORM.matcher(loginPage.body());
        assertThat(form.find()).as("the provider's sign-in form").isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(
                        URI.create(form.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(TestKeycloak.PASSWORD, StandardCharsets.UTF_8)
                        + "&credentialId=")));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        String callback = location(signedIn);
        assertThat(callback)
                .startsWith("http://localhost:" + port + "/login/oauth2/code/sso?")
                .contains("code=");
        return callback;
    }

    /** Delivers a return URL to Lethe in this browser; answers where Lethe sends the browser then. */
    private static String back(CookieJarBrowser browser, String callback) throws Exception {
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(callback)));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        URI landing = URI.create(location(back));
        return landing.getRawPath() + (landing.getRawQuery() == null ? "" : "?" + landing.getRawQuery());
    }

    /** Whether the browser's session is signed in: the home page opens and names the person. */
    private boolean signedIn(CookieJarBrowser browser) throws Exception {
        HttpResponse<String> home = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")));
        return home.statusCode() == 200 && home.body().contains("Signed in as");
    }

    private static String parameter(String url, String name) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&"))
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " in " + url));
    }

    private static String without(String url, String name) {
        return withQuery(
                url,
                Arrays.stream(query(url))
                        .filter(pair -> !pair.startsWith(name + "="))
                        .collect(Collectors.joining("&")));
    }

    private static String with(String url, String name, String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return withQuery(
                url,
                Arrays.stream(query(url))
                        .map(pair -> pair.startsWith(name + "=") ? name + "=" + encoded : pair)
                        .collect(Collectors.joining("&")));
    }

    private static String[] query(String url) {
        return URI.create(url).getRawQuery().split("&");
    }

    private static String withQuery(String url, String query) {
        return url.substring(0, url.indexOf('?') + 1) + query;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }
}
