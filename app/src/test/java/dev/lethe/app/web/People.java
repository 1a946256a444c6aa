package dev.lethe.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.signin.PasswordHashing;
import dev.lethe.ui.signin.Totp;
import dev.lethe.ui.signin.TotpSecrets;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * People who sign in to the pages in tests: an account with a password and an enrolled second factor,
 * signed in through the real sign-in (password, then a TOTP code) over HTTP ({@link WebClient}) or in
 * the browser. Each sign-in uses the next unused time step of the person's code, as the sign-in
 * refuses a replayed step.
 */
public final class People {

    public static final String PASSWORD = "correct horse battery staple 42";

    /** A person who can sign in: their account, tenant and TOTP secret. */
    public static final class Person {
        private final Account account;
        private final Tenant tenant;
        private final byte[] totpSecret;
        private long lastStep;

        Person(Account account, Tenant tenant, byte[] totpSecret) {
            this.account = account;
            this.tenant = tenant;
            this.totpSecret = totpSecret;
        }

        public Account account() {
            return account;
        }

        public Tenant tenant() {
            return tenant;
        }

        public String email() {
            return account.email();
        }

        /**
         * A code for a time step no earlier sign-in of this person used. The sign-in accepts the current
         * step and the next; once both are used, this waits for the clock to reach a fresh one.
         */
        public synchronized String nextCode() {
            long step = Math.max(lastStep + 1, Totp.step(Instant.now()));
            while (step > Totp.step(Instant.now()) + 1) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            lastStep = step;
            return Totp.code(totpSecret, step);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final TotpSecrets totpSecrets;

    public People(Accounts accounts, PasswordHashing hashing, TotpSecrets totpSecrets) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.totpSecrets = totpSecrets;
    }

    /** An active person of the tenant with these roles, password {@link #PASSWORD} and a confirmed TOTP. */
    public Person create(Tenant tenant, String displayName, Role... roles) {
        String email = UniqueNames.of(displayName.toLowerCase().replaceAll("[^a-z]+", "-")) + "@example.org";
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        Account account = TenantContext.callAs(tenant.id(), () -> {
            Account created = accounts.create(new NewAccount(
                    tenant.id(),
                    email,
                    displayName,
                    Set.of(roles),
                    AccountStatus.ACTIVE,
                    hashing.hash(PASSWORD),
                    null));
            accounts.beginTotpEnrolment(tenant.id(), created.id(), totpSecrets.seal(tenant.id(), created.id(), secret));
            return accounts.confirmTotp(tenant.id(), created.id(), Instant.now(), List.of())
                    .orElseThrow();
        });
        return new Person(account, tenant, secret);
    }

    /** A fresh HTTP client signed in as the person, holding the CSRF token of the home page. */
    public static WebClient signIn(int port, Person person) {
        return signIn(new WebClient(port), person);
    }

    /** Signs the person in on this client (from its address, with its cookies); returns the client. */
    public static WebClient signIn(WebClient client, Person person) {
        client.get("/sign-in?tenant=" + person.tenant().slug());
        HttpResponse<String> password = client.post(
                "/sign-in", Map.of("tenant", person.tenant().slug(), "email", person.email(), "password", PASSWORD));
        assertThat(password.headers().firstValue("Location"))
                .as("password accepted")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        client.get("/sign-in/second-factor");
        HttpResponse<String> code = client.post("/sign-in/second-factor", Map.of("code", person.nextCode()));
        assertThat(code.statusCode())
                .as("second factor accepted: " + code.body())
                .isEqualTo(302);
        assertThat(client.get("/").statusCode()).isEqualTo(200);
        return client;
    }

    /** Signs the person in on the page (password, then code) and waits for the home page. */
    public static void signIn(Page page, int port, Person person) {
        String base = "http://localhost:" + port;
        page.navigate(base + "/sign-in?tenant=" + person.tenant().slug());
        page.getByLabel("E-mail address").fill(person.email());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue"))
                .click();
        page.waitForURL(base + "/sign-in/second-factor");
        page.locator("input[name=code]").fill(person.nextCode());
        page.locator("form button[type=submit]").first().click();
        page.waitForURL(base + "/");
    }
}
