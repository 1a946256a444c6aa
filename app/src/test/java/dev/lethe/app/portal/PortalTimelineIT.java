package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A subject who says they filed on the portal, and Lethe's answer: the request's timeline, as an officer reads it
 * through the API, shows it came through the portal ({@code channel: PORTAL} on the request and on its
 * {@code request.filed} entry), when its identity was verified ({@code request.identity_verified}), or that it was
 * canceled because nobody entered the mailed code in time ({@code request.expired_unverified}).
 */
class PortalTimelineIT extends PortalTestBase {

    /** Addresses of their own (the per-address limits count across the portal's tests). */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(230);

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private String officerKey;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantOfficerAndVisitor() {
        tenant = tenants.create(UniqueNames.of("timeline"), "Portal timeline");
        officerKey = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(
                        tenant.id(),
                        "officer-" + UUID.randomUUID(),
                        officerKey,
                        Set.of(Role.PRIVACY_OFFICER),
                        Scope.all()));
        visitor = new PortalVisitor(port, "127.0.0." + ADDRESSES.incrementAndGet());
    }

    private String path(String rest) {
        return "/privacy/" + tenant.slug() + rest;
    }

    private String file(String email) {
        visitor.get(path("/new/access"));
        HttpResponse<String> filed = visitor.post(path("/new/access"), Map.of("email", email));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        return tokenOf(filed);
    }

    private JsonNode asOfficer(UUID request) throws Exception {
        HttpResponse<String> read = get("/api/v1/requests/" + request, officerKey);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return CatalogHttp.body(read);
    }

    private static List<String> kinds(JsonNode request) {
        List<String> kinds = new ArrayList<>();
        request.get("timeline").forEach(entry -> kinds.add(entry.get("kind").asString()));
        return kinds;
    }

    private static JsonNode entry(JsonNode request, String kind) {
        for (JsonNode entry : request.get("timeline")) {
            if (entry.get("kind").asString().equals(kind)) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " on the timeline: " + request.get("timeline"));
    }

    @Test
    void aVerifiedPortalRequestsTimelineShowsThePortalChannelAndTheVerification() throws Exception {
        String email = UniqueNames.of("subject") + "@example.org";
        String token = file(email);
        UUID request = requestOf(token);
        visitor.get(path("/verify/" + token));
        assertThat(visitor.post(path("/verify/" + token), Map.of("code", awaitCode(email, 1)))
                        .statusCode())
                .isEqualTo(302);

        JsonNode read = asOfficer(request);

        assertThat(read.get("channel").asString()).isEqualTo("PORTAL");
        assertThat(kinds(read)).containsSubsequence("request.filed", "request.identity_verified");
        JsonNode filed = entry(read, "request.filed");
        assertThat(filed.get("details").get("channel").asString()).isEqualTo("PORTAL");
        assertThat(filed.get("details").get("status").asString()).isEqualTo("IDENTITY_UNVERIFIED");
        JsonNode verified = entry(read, "request.identity_verified");
        assertThat(verified.get("actor").asString())
                .as("the portal verified it")
                .contains("portal");
        assertThat(Instant.parse(verified.get("at").asString()))
                .isAfterOrEqualTo(Instant.parse(filed.get("at").asString()));
        assertThat(read.toString()).as("the timeline names no identity").doesNotContain(email);
    }

    @Test
    void anUnverifiedPortalRequestThatExpiresSaysSoOnItsTimeline() throws Exception {
        String token = file(UniqueNames.of("subject") + "@example.org");
        UUID request = requestOf(token);
        // The expiry hook PortalIT uses: the request's deadline moved into the past, for the sweep (every 1 s here).
        owner().update(PORTAL_REQUEST)
                .set(
                        PORTAL_REQUEST.EXPIRES_AT,
                        OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .where(PORTAL_REQUEST.REQUEST_ID.eq(request))
                .execute();

        JsonNode read = Eventually.require(
                "the sweep cancels the request",
                () -> {
                    try {
                        return asOfficer(request);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                node -> node.get("status").asString().equals("CANCELED"),
                Duration.ofSeconds(20));

        assertThat(read.get("channel").asString()).isEqualTo("PORTAL");
        assertThat(kinds(read))
                .containsSubsequence("request.filed", "request.expired_unverified")
                .doesNotContain("request.identity_verified");
        assertThat(entry(read, "request.expired_unverified").get("actor").asString())
                .contains("portal");
    }
}
