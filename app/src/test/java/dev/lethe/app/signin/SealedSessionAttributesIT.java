package dev.lethe.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * A session's attributes are stored as JSON sealed with the session keys, bound to the session and the
 * attribute's name: someone who can write {@code spring_session_attributes} (but has no session key)
 * can neither rewrite a signed-in person's roles or tenant, nor move another session's authentication
 * into their own, nor have a Java object deserialized. Such a session is no session: the next request
 * goes to the sign-in page, with no error page.
 */
class SealedSessionAttributesIT extends AppIntegrationTest {

    private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";

    /** Set when a {@link Canary} is deserialized: the test JVM is the application's. */
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    @Autowired
    Tenants tenants;

    private People people;
    private Person officer;
    private Tenant otherTenant;

    @BeforeEach
    void signedInPeople() {
        people = people();
        Tenant tenant = tenants.create(UniqueNames.of("sealed-session"), "Sealed session test");
        officer = people.create(tenant, "Olive Officer", Role.PRIVACY_OFFICER);
        otherTenant = tenants.create(UniqueNames.of("sealed-session-other"), "Another tenant");
    }

    @Test
    void everyStoredAttributeIsSealedJsonNeverJavaSerialization() throws Exception {
        String cookie = People.signIn(port, officer).cookie("LETHE_SESSION").orElseThrow();

        var attributes = owner().fetch(
                        "select attribute_name, attribute_bytes from spring_session_attributes where session_primary_id = ?",
                        primaryId(cookie));
        assertThat(attributes.getValues(0, String.class))
                .contains(CONTEXT, "lethe.signedInAt", FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);
        for (var attribute : attributes) {
            String stored = new String(attribute.get(1, byte[].class), StandardCharsets.UTF_8);
            assertThat(stored).as(attribute.get(0, String.class)).startsWith("LSA1.");
        }
        assertThat(stored(cookie, CONTEXT))
                .contains("\"type\":\"security-context\"")
                .contains("\"tenantId\":\"" + officer.tenant().id() + "\"")
                .contains("\"roles\":[\"PRIVACY_OFFICER\"]");
    }

    @Test
    void anAuthenticationRewrittenInTheDatabaseToAdminOfAnotherTenantSignsNobodyIn() throws Exception {
        WebClient browser = People.signIn(port, officer);
        String cookie = browser.cookie("LETHE_SESSION").orElseThrow();
        String original = stored(cookie, CONTEXT);
        String primaryId = primaryId(cookie);

        // The same bytes written back: the rewrite itself does not end a session.
        store(cookie, CONTEXT, original);
        assertThat(dashboard(cookie).statusCode()).isEqualTo(200);

        store(
                cookie,
                CONTEXT,
                original.replace(
                                officer.tenant().id().toString(),
                                otherTenant.id().toString())
                        .replace("\"roles\":[\"PRIVACY_OFFICER\"]", "\"roles\":[\"ADMIN\"]"));

        assertThat(signInRedirect(dashboard(cookie))).as("the forged session").isTrue();
        assertThat(owner().fetchCount(owner().selectFrom("spring_session").where("primary_id = ?", primaryId)))
                .as("the refused session is deleted")
                .isZero();
    }

    @Test
    void anotherSessionsAuthenticationCopiedIntoMineIsRefused() throws Exception {
        Person admin = people.create(otherTenant, "Ada Admin", Role.ADMIN);
        String adminCookie = People.signIn(port, admin).cookie("LETHE_SESSION").orElseThrow();
        String mine = People.signIn(port, officer).cookie("LETHE_SESSION").orElseThrow();

        // Sealed with a real key, but for the admin's session: it does not open in mine.
        store(mine, CONTEXT, stored(adminCookie, CONTEXT));

        assertThat(signInRedirect(dashboard(mine))).isTrue();
        assertThat(dashboard(adminCookie).statusCode())
                .as("the admin's own session")
                .isEqualTo(200);
    }

    @Test
    void aJavaSerializedAttributeIsNeverDeserialized() throws Exception {
        String cookie = People.signIn(port, officer).cookie("LETHE_SESSION").orElseThrow();
        DESERIALIZED.set(false);
        var serialized = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(serialized)) {
            out.writeObject(new Canary());
        }
        owner().execute(
                        "update spring_session_attributes set attribute_bytes = ? where session_primary_id = ?"
                                + " and attribute_name = ?",
                        serialized.toByteArray(),
                        primaryId(cookie),
                        CONTEXT);

        HttpResponse<String> response = dashboard(cookie);

        assertThat(DESERIALIZED).as("the object's readObject ran").isFalse();
        assertThat(signInRedirect(response)).as("no session, and no error page").isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.lethe");
    }

    /** What a deserialization gadget would be: code that runs while the object is read. */
    static final class Canary implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private void readObject(ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED.set(true);
        }
    }

    private String stored(String cookie, String attribute) {
        return new String(
                owner().fetchSingle(
                                "select attribute_bytes from spring_session_attributes where session_primary_id = ?"
                                        + " and attribute_name = ?",
                                primaryId(cookie),
                                attribute)
                        .get(0, byte[].class),
                StandardCharsets.UTF_8);
    }

    private void store(String cookie, String attribute, String value) {
        assertThat(owner().execute(
                                "update spring_session_attributes set attribute_bytes = ? where session_primary_id = ?"
                                        + " and attribute_name = ?",
                                value.getBytes(StandardCharsets.UTF_8),
                                primaryId(cookie),
                                attribute))
                .isOne();
    }

    private String primaryId(String cookie) {
        String primaryId = primaryIdOrNull(cookie);
        assertThat(primaryId).as("a stored session").isNotNull();
        return primaryId;
    }

    private String primaryIdOrNull(String cookie) {
        String value = new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII);
        return owner().fetchOptional(
                        "select primary_id from spring_session where session_id = ?",
                        value.substring(0, value.indexOf('.')))
                .map(row -> row.get(0, String.class))
                .orElse(null);
    }

    private HttpResponse<String> dashboard(String cookie) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dashboard"))
                .header("Cookie", "LETHE_SESSION=" + cookie)
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean signInRedirect(HttpResponse<String> response) {
        return response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").contains("/sign-in");
    }
}
