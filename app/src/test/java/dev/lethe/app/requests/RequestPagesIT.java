package dev.lethe.app.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request pages over HTTP as a signed-in person sees them: a request entered by the form lands on
 * its page with the subject's identities masked; a form with mistakes comes back with each mistake
 * beside its field; an auditor reads the page without the decisions and is refused (403) posting one;
 * a form posted without its CSRF token is refused.
 */
class RequestPagesIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    private People.Person officer;
    private People.Person auditor;

    @BeforeEach
    void signedInPeople() {
        Tenant tenant = tenants.create(UniqueNames.of("pages"), "Request pages");
        People people = people();
        officer = people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        auditor = people.create(tenant, "Audrey Auditor", Role.AUDITOR);
    }

    @Test
    void aRequestEnteredByTheFormShowsItsSubjectMasked() {
        WebClient olga = People.signIn(port, officer);
        assertThat(olga.get("/requests/new").statusCode()).isEqualTo(200);

        Map<String, String> fields = form("ACCESS", "olga.subject@example.org", "+49 30 1234567");
        fields.put("note", "Asked on the phone on Monday");
        String page = enter(olga, fields);

        assertThat(page)
                .contains("Access", "o***@e***.org", "+***67", "The request was entered.")
                .doesNotContain("olga.subject", "example.org<", "1234567");
        assertThat(page)
                .contains("Timeline", "request.filed", "Audit trail", "Olga Officer")
                .as("the officer's note is on the timeline")
                .contains("Note: Asked on the phone on Monday");
    }

    @Test
    void theLiveProgressPollsUntilTheRequestIsFinished() {
        WebClient olga = People.signIn(port, officer);
        String page = enter(olga, form("ERASURE", "poll@example.org", ""));
        String id = idOf(page);

        HttpResponse<String> progress = olga.get("/requests/" + id + "/progress", Map.of("HX-Request", "true"));
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.body())
                .as("an open request's progress polls itself")
                .contains("hx-trigger=\"every 2s\"")
                .doesNotContain("<html");

        HttpResponse<String> denied = olga.post("/requests/" + id + "/deny", Map.of("reason", ""));
        assertThat(denied.statusCode()).isEqualTo(302);
        assertThat(olga.get("/requests/" + id).body()).contains("Give the reason for denying the request");

        awaitStatus(olga, id, "awaiting approval");
        HttpResponse<String> ownApproval = olga.post("/requests/" + id + "/approve", Map.of("reason", "checked"));
        assertThat(ownApproval.statusCode()).isEqualTo(302);
        assertThat(olga.get("/requests/" + id).body())
                .as("four eyes, said plainly")
                .contains("Four-eyes: an erasure must be approved by someone other than who filed it");

        olga.post("/requests/" + id + "/deny", Map.of("reason", "Not our customer"));
        String closed = olga.get("/requests/" + id + "/progress", Map.of("HX-Request", "true"))
                .body();
        assertThat(closed)
                .as("a finished request stops polling")
                .contains("denied")
                .doesNotContain("hx-trigger");
    }

    @Test
    void mistakesInTheFormAreShownBesideTheirFields() {
        WebClient olga = People.signIn(port, officer);
        olga.get("/requests/new");

        Map<String, String> fields = form("", "not-an-address", "");
        HttpResponse<String> response = olga.post("/requests/new", fields);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("The request was not entered: correct the fields marked below.")
                .contains("id=\"type-error\"", "Choose what the subject asks for.")
                .contains("id=\"email-error\"", "Enter an e-mail address such as name@example.org.")
                .contains("aria-invalid=\"true\"")
                .as("what was typed stays in the form")
                .contains("value=\"not-an-address\"");

        Map<String, String> rectification = form("RECTIFICATION", "", "");
        HttpResponse<String> noIdentity = olga.post("/requests/new", rectification);
        assertThat(noIdentity.body())
                .contains("Enter at least one identity of the subject.")
                .contains("A rectification says what to correct");
    }

    @Test
    void anAuditorReadsThePageButMayNotDecide() {
        WebClient olga = People.signIn(port, officer);
        String id = idOf(enter(olga, form("ACCESS", "audited@example.org", "")));

        WebClient audrey = People.signIn(port, auditor);
        HttpResponse<String> page = audrey.get("/requests/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("a***@e***.org").doesNotContain("id=\"approve\"", "id=\"deny\"");
        // With the page's own CSRF token: the refusal is the role's, not the token's.
        assertThat(audrey.post("/requests/" + id + "/approve", Map.of("reason", "looks fine"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(audrey.get("/requests/new").statusCode()).isEqualTo(403);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        WebClient olga = People.signIn(port, officer);
        olga.get("/requests/new");
        HttpResponse<String> response = olga.postWithout("/requests/new", form("ACCESS", "forged@example.org", ""));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private String enter(WebClient client, Map<String, String> fields) {
        client.get("/requests/new");
        HttpResponse<String> filed = client.post("/requests/new", fields);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String location = filed.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/requests/[0-9a-f-]{36}\\?filed");
        return client.get(location.substring(location.indexOf("/requests/"))).body();
    }

    private static String idOf(String page) {
        var matcher =
                java.util.regex.Pattern.compile("/requests/([0-9a-f-]{36})/").matcher(page);
        assertThat(matcher.find()).as("the page links its request").isTrue();
        return matcher.group(1);
    }

    private static void awaitStatus(WebClient client, String id, String status) {
        dev.lethe.infra.testing.Eventually.require(
                "request " + id + " " + status,
                () -> client.get("/requests/" + id + "/progress", Map.of("HX-Request", "true"))
                        .body(),
                body -> body.contains(">" + status + "<"),
                RequestsHttp.PATIENCE);
    }

    private static Map<String, String> form(String type, String email, String phone) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type);
        fields.put("email", email);
        fields.put("phone", phone);
        fields.put("channel", "EMAIL");
        fields.put("regulation", "GDPR");
        return fields;
    }
}
