package dev.lethe.app.signin;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A signed-in person changes their own password on {@code /account/password}, through the real sign-in
 * and session: the current password and a code of the second factor are asked, the new one meets the
 * enrolment policy, and afterwards only the new one signs in and every other session of theirs is over.
 */
class PasswordChangeIT extends AppIntegrationTest {

    private static final String NEW_PASSWORD = "otter lantern gravel 1879";

    @Autowired
    Tenants tenants;

    private Tenant tenant;
    private People people;

    @BeforeEach
    void tenant() {
        tenant = tenants.create(UniqueNames.of("password-change"), "Password change");
        people = people();
    }

    @Test
    void aWrongCurrentPasswordOrCodeIsRefusedAndTheOldPasswordStillSignsIn() {
        Person person = people.create(tenant, "Wendy Wrong", Role.AUDITOR);
        WebClient browser = People.signIn(port, person);
        assertThat(browser.get("/account/password").body()).contains("Your current password", "authenticator app");

        HttpResponse<String> wrongCurrent = change(browser, "not my password at all", NEW_PASSWORD, "000000");
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(wrongCurrent.body()).contains("Your current password is not right.");

        HttpResponse<String> wrongCode = change(browser, People.PASSWORD, NEW_PASSWORD, "000000");
        assertThat(wrongCode.statusCode()).isEqualTo(400);
        assertThat(wrongCode.body()).contains("That code is not right.");

        assertThat(passwordStep(new WebClient(port), person, NEW_PASSWORD).statusCode())
                .as("the new password was not set")
                .isEqualTo(401);
        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        assertThat(audit(person, "user.sign_in.failed"))
                .as("both count towards the lock-out like failed sign-ins")
                .anyMatch(details -> details.contains("current-password"))
                .anyMatch(details -> details.contains("current-second-factor"));
    }

    @Test
    void aWeakOrCommonOrMismatchedNewPasswordIsRefusedWithTheEnrolmentPolicysWords() {
        Person person = people.create(tenant, "Pat Policy", Role.ENGINEER);
        WebClient browser = People.signIn(port, person);
        browser.get("/account/password");

        HttpResponse<String> tooShort = change(browser, People.PASSWORD, "short-pw1", "000000");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("Choose a password of at least 12 characters.");
        HttpResponse<String> common = change(browser, People.PASSWORD, "password1234", "000000");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("most commonly used");
        HttpResponse<String> mismatched = browser.post(
                "/account/password",
                Map.of(
                        "current",
                        People.PASSWORD,
                        "password",
                        NEW_PASSWORD,
                        "repeat",
                        NEW_PASSWORD + "!",
                        "code",
                        "000000"));
        assertThat(mismatched.statusCode()).isEqualTo(400);
        assertThat(mismatched.body()).contains("The two passwords are not the same.");

        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .as("the old password still signs in")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        assertThat(audit(person, "user.sign_in.failed"))
                .as("a refused new password is no failed attempt")
                .isEmpty();
    }

    @Test
    void afterAChangeOnlyTheNewPasswordSignsInAndTheOtherSessionsAreOver() {
        Person person = people.create(tenant, "Carl Change", Role.PRIVACY_OFFICER);
        WebClient here = People.signIn(port, person);
        WebClient elsewhere = People.signIn(port, person);
        here.get("/account/password");

        HttpResponse<String> changed = change(here, People.PASSWORD, NEW_PASSWORD, person.nextCode());

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/account/password?changed"));
        assertThat(here.get("/account/password?changed").body()).contains("Your password is changed.");
        assertThat(here.get("/").statusCode()).as("this session goes on").isEqualTo(200);
        assertThat(elsewhere.get("/").statusCode())
                .as("the other session is over")
                .isEqualTo(302);
        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD).statusCode())
                .as("the old password no longer signs in")
                .isEqualTo(401);
        assertThat(passwordStep(new WebClient(port), person, NEW_PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        assertThat(audit(person, "user.password.changed"))
                .singleElement()
                .satisfies(details -> assertThat(details)
                        .containsPattern("\"sessionsEnded\":\\s*\"1\"")
                        .doesNotContain(NEW_PASSWORD)
                        .doesNotContain(People.PASSWORD));
    }

    private static HttpResponse<String> change(WebClient browser, String current, String password, String code) {
        return browser.post(
                "/account/password",
                Map.of("current", current, "password", password, "repeat", password, "code", code));
    }

    private HttpResponse<String> passwordStep(WebClient client, Person person, String password) {
        client.get("/sign-in?tenant=" + tenant.slug());
        return client.post("/sign-in", Map.of("tenant", tenant.slug(), "email", person.email(), "password", password));
    }

    /** The details of the person's audit entries with this action, as JSON text. */
    private List<String> audit(Person person, String action) {
        return owner().select(AUDIT_ENTRY.DETAILS)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.TARGET.eq("user:" + person.account().id()))
                .and(AUDIT_ENTRY.ACTION.eq(action))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(record -> record.value1().data());
    }
}
