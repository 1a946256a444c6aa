package dev.lethe.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.limits.RateLimit;
import dev.lethe.ui.limits.RateLimitExceeded;
import dev.lethe.ui.limits.RateLimiter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Credential stuffing from one address (threat model 2.2): the lock-out counts per account, so one
 * password tried on many accounts never locks any; the sign-in bucket per client address stops it.
 * Each test takes a loopback address of its own (every 127/8 address is the loopback) and leaves a few
 * tokens in that address's bucket: the test context's buckets are sized so the rest of the suite, all
 * from 127.0.0.1, never runs one dry (AppIntegrationTest), and a first take at a small capacity caps
 * the bucket there, as a production-sized bucket would be after that many attempts.
 */
class SignInRateLimitIT extends AppIntegrationTest {

    private static final String WRONG_PASSWORD = "Summer2026!Summer2026!";

    @Autowired
    RateLimiter limiter;

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    private Tenant tenant;
    private People people;

    @BeforeEach
    void tenant() {
        tenant = tenants.create(UniqueNames.of("sign-in-limit"), "Sign-in rate limit");
        people = people();
    }

    @Test
    void onePasswordTriedOnManyAccountsFromOneAddressIsAnswered429WhileAnotherAddressSignsIn() {
        int attempts = 4;
        List<Person> victims = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            victims.add(people.create(tenant, "Vic Victim", Role.ADMIN));
        }
        Person next = people.create(tenant, "Nia Next", Role.ADMIN);
        WebClient stuffer = from("127.0.0.22");
        leaveAttempts("127.0.0.22", attempts);
        stuffer.get("/sign-in?tenant=" + tenant.slug());

        for (Person victim : victims) {
            assertThat(passwordStep(stuffer, victim.email(), WRONG_PASSWORD).statusCode())
                    .as("a wrong password, refused as such")
                    .isEqualTo(401);
        }
        HttpResponse<String> refused = passwordStep(stuffer, next.email(), People.PASSWORD);

        assertTooManyRequests(refused);
        assertThat(stuffer.get("/sign-in").statusCode())
                .as("only attempts count: the page itself still answers")
                .isEqualTo(200);
        WebClient colleague = People.signIn(from("127.0.0.23"), next);
        assertThat(colleague.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void theSecondFactorStepCountsAsAnAttemptToo() {
        Person person = people.create(tenant, "Sid Second", Role.AUDITOR);
        WebClient browser = from("127.0.0.24");
        leaveAttempts("127.0.0.24", 1);
        browser.get("/sign-in?tenant=" + tenant.slug());

        HttpResponse<String> password = passwordStep(browser, person.email(), People.PASSWORD);
        assertThat(password.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        browser.get("/sign-in/second-factor");

        assertTooManyRequests(browser.post("/sign-in/second-factor", Map.of("code", "123456")));
    }

    @Test
    void changingThePasswordCountsAsAnAttemptToo() {
        Person person = people.create(tenant, "Cy Change", Role.ENGINEER);
        WebClient browser = People.signIn(from("127.0.0.26"), person);
        leaveAttempts("127.0.0.26", 0);
        assertThat(browser.get("/account/password").statusCode())
                .as("the page itself still answers")
                .isEqualTo(200);

        assertTooManyRequests(browser.post(
                "/account/password",
                Map.of("current", "a guess at the password", "password", "x", "repeat", "x", "code", "123456")));
    }

    @Test
    void aSingleSignOnReturnCountsAsAnAttemptToo() {
        WebClient browser = from("127.0.0.25");
        leaveAttempts("127.0.0.25", 0);

        assertTooManyRequests(browser.get("/login/oauth2/code/sso?code=guess&state=guess"));
    }

    private HttpResponse<String> passwordStep(WebClient client, String email, String password) {
        return client.post("/sign-in", Map.of("tenant", tenant.slug(), "email", email, "password", password));
    }

    private void leaveAttempts(String address, int attempts) {
        try {
            limiter.take(limiter.bucket("sign-in", address), new RateLimit(attempts + 1, Duration.ofDays(3650)));
        } catch (RateLimitExceeded alreadyFewer) {
            // as wanted
        }
    }

    private WebClient from(String address) {
        try {
            return new WebClient(port, InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertTooManyRequests(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":429", "Too Many Requests");
    }
}
