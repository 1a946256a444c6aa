package dev.lethe.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The portal is no oracle for "is this person a customer?": the same journey (the form, filing, the verify page, a
 * wrong code, a new code, the right code) for an identity a connected system holds, whom the catalog maps and an
 * officer has a request for, and for one nobody holds, gets the same answers: status, headers and body alike once
 * the journey's own tokens (status token, CSRF token, codes, session cookie, the address itself, all of one length)
 * are set aside, and the same mails. After the right code the person has proven they are the subject: what the
 * status page then shows is theirs to see, and is not compared.
 */
class PortalOracleIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    /** One answer with the journey's own values replaced by placeholders. */
    record Answer(int status, Map<String, List<String>> headers, String body) {}

    /** Everything one identity saw: each page's answer, in order, and each mail's subject, sender and text. */
    record Journey(List<Answer> answers, List<String> mails) {}

    @Test
    void aKnownSubjectAndAStrangerGetTheSameAnswersAndMails() throws Exception {
        Tenant tenant = tenants.create(UniqueNames.of("oracle"), "Oracle check");
        // Same length (prefix of one length, same random part length): Content-Length cannot tell them apart either.
        String known = UniqueNames.of("known") + "@example.org";
        String stranger = UniqueNames.of("other") + "@example.org";
        knownEverywhere(tenant, known);

        Journey ofKnown = journey(tenant, known, "127.0.0.237");
        Journey ofStranger = journey(tenant, stranger, "127.0.0.238");

        // Under target/ so that a difference can be read (the values are the test's own, nobody's data).
        Path directory = Files.createDirectories(Path.of("target", "portal-oracle"));
        Files.writeString(directory.resolve("known.txt"), ofKnown.toString());
        Files.writeString(directory.resolve("stranger.txt"), ofStranger.toString());
        assertThat(ofKnown.answers()).hasSize(6);
        for (int step = 0; step < ofKnown.answers().size(); step++) {
            assertThat(ofStranger.answers().get(step))
                    .as("answer %d", step + 1)
                    .isEqualTo(ofKnown.answers().get(step));
        }
        assertThat(ofKnown.mails()).hasSize(3);
        assertThat(ofStranger.mails()).isEqualTo(ofKnown.mails());
    }

    /** The subject in a connected shop, its table discovered and confirmed in the catalog, and an officer's request. */
    private void knownEverywhere(Tenant tenant, String email) throws Exception {
        CatalogHttp engineer = new CatalogHttp(port, key(tenant, Role.ENGINEER));
        CatalogHttp officer = new CatalogHttp(port, key(tenant, Role.PRIVACY_OFFICER));
        ShopDatabase shop = ShopDatabase.create();
        shop.execute("insert into customers values (41, '" + email + "', 'Known Customer', '+49 30 1234041')");
        assertThat(shop.count("select count(*) from customers where email = '" + email + "'"))
                .isEqualTo(1);

        HttpResponse<String> registered = engineer.post(
                "/api/v1/connections", shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String connection =
                "/api/v1/connections/" + CatalogHttp.body(registered).get("id").asString();
        JsonNode discovered = CatalogHttp.body(engineer.post(connection + "/discover", Map.of()));
        for (JsonNode dataset : discovered.get("datasets")) {
            String path = "/api/v1/datasets/" + dataset.get("id").asString();
            HttpResponse<String> reviewed = engineer.post(
                    path + "/fields/review", CatalogHttp.etag(engineer.get(path)), Map.of("decision", "CONFIRM"));
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        }
        HttpResponse<String> filed = officer.post(
                "/api/v1/requests",
                Map.of("type", "ACCESS", "identities", Map.of("email", email), "regulation", "GDPR"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    }

    private Journey journey(Tenant tenant, String email, String address) {
        PortalVisitor visitor = new PortalVisitor(port, address);
        String path = "/privacy/" + tenant.slug();
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(visitor.get(path + "/new/erasure"));
        HttpResponse<String> filed = visitor.post(path + "/new/erasure", Map.of("email", email));
        responses.add(filed);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String token = tokenOf(filed);
        String first = awaitCode(email, 1);
        responses.add(visitor.get(path + "/verify/" + token));
        responses.add(visitor.post(path + "/verify/" + token, Map.of("code", wrong(first))));
        responses.add(visitor.post(path + "/verify/" + token + "/resend", Map.of()));
        String second = awaitCode(email, 2);
        HttpResponse<String> verified = visitor.post(path + "/verify/" + token, Map.of("code", second));
        responses.add(verified);
        assertThat(verified.statusCode()).isEqualTo(302);
        awaitMail(email, 3);

        Map<String, String> own = new LinkedHashMap<>();
        own.put(token, "{token}");
        own.put(first, "{code}");
        own.put(second, "{code}");
        own.put(email, "{email}");
        Placeholders placeholders = new Placeholders(own);
        List<Answer> answers = responses.stream().map(placeholders::answer).toList();
        List<String> mails = mailsTo(email).stream().map(placeholders::mail).toList();
        return new Journey(answers, mails);
    }

    /** The journey's own values, replaced so that two journeys can be compared. */
    private record Placeholders(Map<String, String> values) {

        String text(String text) {
            // The magic link's secret, random per mail (before the other values, which might occur in it).
            String replaced = text.replaceAll("/link/[A-Za-z0-9_-]{43}", "/link/{link}");
            for (var value : values.entrySet()) {
                replaced = replaced.replace(value.getKey(), value.getValue());
            }
            // CSRF tokens, in forms and wherever else a page carries them.
            return replaced.replaceAll("(name=\"_csrf\"[^>]*value=\")[^\"]+", "$1{csrf}")
                    .replaceAll("(value=\"[^\"]+\"[^>]*name=\"_csrf\")", "{csrf}");
        }

        Answer answer(HttpResponse<String> response) {
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, list) -> {
                String header = name.toLowerCase(Locale.ROOT);
                if (!header.equals("date")) {
                    headers.put(
                            header,
                            list.stream()
                                    .map(value -> header.equals("set-cookie")
                                            ? value.replaceFirst("=[^;]*", "={value}")
                                            : text(value))
                                    .toList());
                }
            });
            return new Answer(response.statusCode(), headers, text(response.body()));
        }

        String mail(MimeMessage message) {
            try {
                return message.getSubject() + "\n" + List.of(message.getFrom()) + "\n"
                        + text(message.getContent().toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }

    private String key(Tenant tenant, Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
