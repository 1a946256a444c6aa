package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.PageMatrix;
import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page × every role, signed in through the real sign-in: allowed (neither 403 nor sent back to
 * sign in, whatever the page makes of a made-up id) or refused (403); and every page sends a visitor
 * who is not signed in to the sign-in page. The rows are {@link PageMatrix}'s files; posts carry the
 * session's CSRF token, so a 403 is the role's doing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageAuthorizationMatrixIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    private final Map<Role, WebClient> signedIn = new EnumMap<>(Role.class);

    @BeforeAll
    void onePersonPerRole() {
        Tenant tenant = tenants.create(UniqueNames.of("pages"), "Page matrix test");
        People people = people();
        for (Role role : PageMatrix.ROLES) {
            signedIn.put(role, People.signIn(port, people.create(tenant, "Matrix " + role.name(), role)));
        }
    }

    static Stream<Arguments> matrix() {
        return PageMatrix.rows().stream()
                .flatMap(row -> PageMatrix.ROLES.stream()
                        .map(role -> Arguments.of(row, role, row.allowed().contains(role))));
    }

    @ParameterizedTest(name = "{0} as {1} → allowed: {2}", allowZeroInvocations = true)
    @MethodSource("matrix")
    void eachRoleGetsWhatTheMatrixSays(PageMatrix.Row row, Role role, boolean allowed) {
        WebClient person = signedIn.get(role);

        HttpResponse<String> response =
                row.method().equals("GET") ? person.get(row.concretePath()) : person.post(row.concretePath(), Map.of());

        String what = row + " (" + row.source() + ") as " + role + " answered " + response.statusCode();
        if (allowed) {
            assertThat(response.statusCode()).as(what).isNotEqualTo(403);
            response.headers()
                    .firstValue("Location")
                    .ifPresent(location -> assertThat(location)
                            .as(what + ": not sent to sign in")
                            .doesNotContain("/sign-in"));
        } else {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
        }
    }

    static Stream<PageMatrix.Row> pages() {
        return PageMatrix.rows().stream().filter(row -> row.method().equals("GET"));
    }

    @ParameterizedTest(name = "{0} without signing in", allowZeroInvocations = true)
    @MethodSource("pages")
    void aVisitorWhoIsNotSignedInIsSentToSignIn(PageMatrix.Row row) {
        HttpResponse<String> response = new WebClient(port).get(row.concretePath());

        assertThat(response.statusCode()).as(row.toString()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).contains("/sign-in"));
    }
}
