package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.SsoIntegrationTest;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.ExternalIdentity;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestKeycloak;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Single sign-on through a real provider (the test support's Keycloak), at the HTTP level as a
 * browser does it: Lethe sends the browser to the provider with PKCE, the person signs in there,
 * the provider sends the code back, and Lethe maps the person to a local account with the roles
 * the provider gives.
 */
class OidcSignInIT extends SsoIntegrationTest {

    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    private UUID tenant;

    @BeforeEach
    void tenantOfTheRealm() {
        tenant = ssoTenant(tenants);
    }

    @Test
    void aPersonSignsInWithPkceAndGetsOneLocalAccountWithTheProvidersRoles() throws Exception {
        SignIn first = signIn("officer@example.com");

        assertThat(first.authorizationRequest())
                .contains("code_challenge_method=S256")
                .contains("code_challenge=")
                .contains("state=")
                .contains("nonce=");
        assertThat(first.landing()).isEqualTo("/");
        Account account = account("officer@example.com").orElseThrow();
        assertThat(account.roles()).containsExactly(Role.PRIVACY_OFFICER);
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.passwordHash()).isNull();
        assertThat(account.external().issuer()).isEqualTo(keycloak().issuer(TestKeycloak.REALM));
        assertThat(account.lastSignInAt()).isNotNull();

        SignIn second = signIn("officer@example.com");

        assertThat(second.landing()).isEqualTo("/");
        assertThat(account("officer@example.com").orElseThrow().id()).isEqualTo(account.id());
        assertThat(owner().fetchCount(
                                DSL.table("audit_entry"),
                                DSL.field("tenant_id").eq(tenant),
                                DSL.field("action").eq("sign_in.sso"),
                                DSL.field("target").eq("user:" + account.id())))
                .isEqualTo(2);
    }

    @Test
    void aPersonWithoutALetheRoleIsNotLetIn() throws Exception {
        SignIn refused = signIn("nobody@example.com");

        assertThat(refused.landing()).isEqualTo("/sign-in?sso-failed");
        assertThat(account("nobody@example.com"))
                .as("no account for someone who may do nothing")
                .isEmpty();
        assertThat(owner().fetchCount(
                                DSL.table("audit_entry"),
                                DSL.field("tenant_id").eq(tenant),
                                DSL.field("action").eq("sign_in.sso.refused")))
                .isPositive();
    }

    @Test
    void aDisabledAccountIsNotLetInThroughTheProvider() throws Exception {
        assertThat(signIn("auditor@example.com").landing()).isEqualTo("/");
        Account auditor = account("auditor@example.com").orElseThrow();
        as(tenant, () -> accounts.setStatus(tenant, auditor.id(), AccountStatus.DISABLED));

        assertThat(signIn("auditor@example.com").landing()).isEqualTo("/sign-in?sso-failed");
    }

    @Test
    void anInvitedLocalAccountWithTheVerifiedAddressIsLinkedNotDuplicated() throws Exception {
        Account invited = as(
                tenant,
                () -> accounts.create(
                        NewAccount.invited(tenant, "engineer@example.com", "Erin", Set.of(Role.AUDITOR))));

        assertThat(signIn("engineer@example.com").landing()).isEqualTo("/");

        Account linked = account("engineer@example.com").orElseThrow();
        assertThat(linked.id()).isEqualTo(invited.id());
        assertThat(linked.roles()).as("the provider's roles").containsExactly(Role.ENGINEER);
        assertThat(linked.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(linked.external()).isNotNull();
    }

    @Test
    void anAddressTheProviderHasNotVerifiedDoesNotClaimTheLocalAccountWithIt() throws Exception {
        // Anyone can type any address at a provider that does not check it: it must not open this account.
        Account local = as(
                tenant,
                () -> accounts.create(
                        NewAccount.invited(tenant, "unverified@example.com", "Uma", Set.of(Role.AUDITOR))));

        assertThat(signIn("unverified@example.com").landing()).isEqualTo("/sign-in?sso-failed");

        Account after = account("unverified@example.com").orElseThrow();
        assertThat(after.id()).isEqualTo(local.id());
        assertThat(after.external()).as("not linked").isNull();
        assertThat(after.roles()).as("not the provider's roles").containsExactly(Role.AUDITOR);
        assertThat(after.status()).isEqualTo(AccountStatus.INVITED);
        assertThat(refusals(local)).isOne();
    }

    @Test
    void aLocalAccountLinkedToAnotherProviderIdentityIsNotTakenOverByTheSameAddress() throws Exception {
        // Another person at the provider (another subject) now carries the address of a linked ADMIN.
        var holder = new ExternalIdentity(
                keycloak().issuer(TestKeycloak.REALM), UUID.randomUUID().toString());
        Account linked = as(
                tenant,
                () -> accounts.create(new NewAccount(
                        tenant, "taken@example.com", "Tara", Set.of(Role.ADMIN), AccountStatus.ACTIVE, null, holder)));

        assertThat(signIn("taken@example.com").landing()).isEqualTo("/sign-in?sso-failed");

        Account after = account("taken@example.com").orElseThrow();
        assertThat(after.id()).isEqualTo(linked.id());
        assertThat(after.external()).as("still its own identity").isEqualTo(holder);
        assertThat(after.roles()).containsExactly(Role.ADMIN);
        assertThat(after.lastSignInAt()).as("nobody signed in as it").isNull();
        assertThat(refusals(linked)).isOne();
    }

    private int refusals(Account account) {
        return owner().fetchCount(
                        DSL.table("audit_entry"),
                        DSL.field("tenant_id").eq(tenant),
                        DSL.field("action").eq("sign_in.sso.refused"),
                        DSL.field("target").eq("user:" + account.id()));
    }

    private Optional<Account> account(String email) {
        return as(tenant, () -> accounts.findByEmail(tenant, email));
    }

    /** What a browser saw: the provider's authorization request and where Lethe sent it in the end. */
    record SignIn(String authorizationRequest, String landing) {}

    /** The authorization-code flow as a browser with a fresh cookie jar walks it. */
    private SignIn signIn(String email) throws Exception {
        var browser = new CookieJarBrowser();
        HttpResponse<String> start = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/sso")));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorizationRequest = location(start);
        assertThat(authorizationRequest).startsWith(keycloak().issuer(TestKeycloak.REALM));

        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(authorizationRequest)));
        assertThat(loginPage.statusCode()).isEqualTo(200);
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
        assertThat(callback).startsWith("http://localhost:" + port + "/login/oauth2/code/sso?");

        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(callback)));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        URI landing = URI.create(location(back));
        return new SignIn(
                authorizationRequest,
                landing.getRawPath() + (landing.getRawQuery() == null ? "" : "?" + landing.getRawQuery()));
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }
}
