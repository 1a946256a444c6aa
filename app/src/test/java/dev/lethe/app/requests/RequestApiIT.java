package dev.lethe.app.requests;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.erasure.SystemErasurePlan;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Data-subject requests through the API: filed, listed, read, approved under four-eyes, denied,
 * extended, cancelled, a system skipped; problems for bad input; the subject's identity values in no
 * response and no audit entry.
 */
class RequestApiIT extends AppIntegrationTest {

    private static final String EMAIL = "erin.subject@example.com";

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RequestStore store;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    org.jooq.DSLContext dsl;

    Tenant tenant;
    CatalogHttp officer;
    CatalogHttp secondOfficer;
    CatalogHttp auditor;
    CatalogHttp engineer;

    @BeforeEach
    void tenantWithKeys() {
        tenant = tenants.create(UniqueNames.of("dsr"), "Requests API test");
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        secondOfficer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        auditor = new CatalogHttp(port, key(Role.AUDITOR));
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
    }

    @Test
    void anErasureIsFiledListedReadAndApprovedBySomeoneElse() {
        HttpResponse<String> created = officer.post("/api/v1/requests", erasure(EMAIL));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode filed = CatalogHttp.body(created);
        String id = filed.get("id").asString();
        String path = "/api/v1/requests/" + id;
        assertThat(created.headers().firstValue("Location")).hasValue(path);
        assertThat(filed.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(filed.get("dueAt").asString()).isNotBlank();
        assertThat(filed.get("linkedTo").isNull()).isTrue();

        HttpResponse<String> listed = auditor.get("/api/v1/requests?type=ERASURE");
        HttpResponse<String> read = auditor.get(path);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(listed).get(0).get("id").asString()).isEqualTo(id);
        assertThat(CatalogHttp.body(read).get("identityTypes").get(0).asString())
                .isEqualTo("email");
        assertThat(CatalogHttp.body(read).get("timeline").get(0).get("kind").asString())
                .isEqualTo("request.filed");
        assertThat(listed.body() + read.body() + created.body())
                .doesNotContain(EMAIL)
                .doesNotContain("erin");

        // The workflow scopes the request (this tenant has no connections) and plans each system; here the
        // store records a system as scoping would.
        UUID requestId = UUID.fromString(id);
        UUID crm = UUID.randomUUID();
        String plan = new SystemErasurePlan(
                        UUID.randomUUID(),
                        new ErasurePlan(List.of(ErasureRule.deleteRecords("crm.contacts"))),
                        List.of(),
                        List.of(),
                        List.of())
                .toJson();
        as(tenant.id(), () -> {
            store.recordPlan(tenant.id(), requestId, crm, plan);
            store.recordSystem(
                    tenant.id(),
                    requestId,
                    new SystemProgress(crm, null, "crm", "postgresql", SystemState.PENDING, 2, null, null, 0));
            store.transition(tenant.id(), requestId, RequestStatus.AWAITING_APPROVAL, "scoped");
        });
        assertThat(CatalogHttp.body(auditor.get(path))
                        .get("systems")
                        .get(0)
                        .get("plan")
                        .get("plan")
                        .get("rules")
                        .get(0)
                        .get("dataset")
                        .asString())
                .isEqualTo("crm.contacts");

        assertProblem(officer.post(path + "/approve", Map.of("reason", "mine")), 409, "Four-eyes");
        assertProblem(auditor.post(path + "/approve", Map.of()), 403, "roles");
        HttpResponse<String> approved = secondOfficer.post(path + "/approve", Map.of("reason", "plan checked"));
        HttpResponse<String> again = secondOfficer.post(path + "/approve", Map.of("reason", "plan checked"));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        // The approval signal lets the workflow run on at once: the answer may already show it working.
        assertThat(CatalogHttp.body(approved).get("status").asString()).isIn("APPROVED", "IN_PROGRESS");
        assertThat(CatalogHttp.body(approved)
                        .get("decisions")
                        .get("approvalReason")
                        .asString())
                .isEqualTo("plan checked");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(CatalogHttp.body(again).get("decisions"))
                .isEqualTo(CatalogHttp.body(approved).get("decisions"));

        HttpResponse<String> skipped =
                officer.post(path + "/systems/" + crm + "/skip", Map.of("reason", "decommissioned"));
        assertThat(CatalogHttp.body(skipped).get("systems").get(0).get("state").asString())
                .isEqualTo("SKIPPED");
        assertProblem(officer.post(path + "/systems/" + crm + "/retry", Map.of()), 409, "failed");
        assertProblem(
                officer.post(path + "/systems/" + UUID.randomUUID() + "/skip", Map.of("reason", "x")),
                404,
                "not found");

        assertThat(auditOfTenant())
                .contains("request.filed", "request.approved", "request.system_skipped")
                .doesNotContain(EMAIL)
                .doesNotContain("plan checked");
    }

    @Test
    void requestsAreDeniedExtendedOnceAndCancelledWithTheirReasons() {
        String denied = file(erasure(EMAIL));
        as(
                tenant.id(),
                () -> store.transition(tenant.id(), UUID.fromString(denied), RequestStatus.AWAITING_APPROVAL, null));
        String extended = file(Map.of(
                "type", "ACCESS", "identities", Map.of("email", EMAIL, "customer_id", "C-77"), "regulation", "CCPA"));

        assertProblem(officer.post("/api/v1/requests/" + denied + "/deny", Map.of()), 400, "reason");
        HttpResponse<String> deny =
                officer.post("/api/v1/requests/" + denied + "/deny", Map.of("reason", "not a customer"));
        assertThat(CatalogHttp.body(deny).get("status").asString())
                .as(deny.body())
                .isEqualTo("DENIED");
        assertThat(CatalogHttp.body(deny).get("closedAt").isNull()).isFalse();

        String dueBefore = CatalogHttp.body(auditor.get("/api/v1/requests/" + extended))
                .get("dueAt")
                .asString();
        HttpResponse<String> extend =
                officer.post("/api/v1/requests/" + extended + "/extend", Map.of("reason", "14 systems"));
        assertThat(extend.statusCode()).as(extend.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(extend).get("extended").asBoolean()).isTrue();
        assertThat(CatalogHttp.body(extend).get("dueAt").asString()).isGreaterThan(dueBefore);
        assertThat(CatalogHttp.body(extend).get("identityTypes").toString()).contains("customer_id", "email");
        assertProblem(officer.post("/api/v1/requests/" + extended + "/extend", Map.of("reason", "more")), 409, "once");

        assertThat(CatalogHttp.body(
                                officer.post("/api/v1/requests/" + extended + "/hold", Map.of("reason", "litigation")))
                        .get("status")
                        .asString())
                .isEqualTo("ON_HOLD");
        // Back where it was held: received, or awaiting approval once its workflow had scoped it.
        assertThat(CatalogHttp.body(officer.post("/api/v1/requests/" + extended + "/release", Map.of()))
                        .get("status")
                        .asString())
                .isIn("RECEIVED", "AWAITING_APPROVAL");
        HttpResponse<String> cancel =
                officer.post("/api/v1/requests/" + extended + "/cancel", Map.of("reason", "withdrawn"));
        assertThat(CatalogHttp.body(cancel).get("status").asString()).isEqualTo("CANCELED");
        assertProblem(
                officer.post("/api/v1/requests/" + extended + "/hold", Map.of("reason", "late")), 409, "CANCELED");

        assertThat(metrics.find("lethe.requests.time_to_close")
                        .tag("outcome", "DENIED")
                        .timer())
                .isNotNull()
                .satisfies(timer -> assertThat(timer.count()).isPositive());
        assertThat(metrics.find("lethe.requests.open")
                        .tags("status", "RECEIVED", "type", "ERASURE")
                        .gauge())
                .isNotNull();
        // Counted fresh, across tenants: at least the request this test leaves open, and once overdue, that.
        String open = file(Map.of("type", "ACCESS", "identities", Map.of("email", EMAIL), "regulation", "LGPD"));
        var fresh = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        RequestMetrics counting = new RequestMetrics(dsl, fresh, java.time.Duration.ZERO);
        assertThat(counting.current().open()).isNotEmpty();
        // The workflow may already have moved the new request past RECEIVED: count it in whatever open state.
        assertThat(fresh.find("lethe.requests.open").tags("type", "ACCESS").gauges().stream()
                        .mapToDouble(io.micrometer.core.instrument.Gauge::value)
                        .sum())
                .isGreaterThanOrEqualTo(1);
        assertThat(fresh.find("lethe.requests.open").tags("status", "DENIED").gauges())
                .isEmpty();
        owner().update(dev.lethe.catalog.jooq.Tables.REQUEST)
                .set(
                        dev.lethe.catalog.jooq.Tables.REQUEST.DUE_AT,
                        java.time.OffsetDateTime.now().minusDays(1))
                .where(dev.lethe.catalog.jooq.Tables.REQUEST.ID.eq(UUID.fromString(open)))
                .execute();
        assertThat(fresh.get("lethe.requests.overdue").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(auditOfTenant()).doesNotContain(EMAIL).doesNotContain("C-77").doesNotContain("withdrawn");
    }

    @Test
    void badInputIsAProblemAndNamesWhatIsWrong() {
        assertProblem(
                officer.post(
                        "/api/v1/requests",
                        Map.of("type", "FORGET", "identities", Map.of("email", EMAIL), "regulation", "GDPR")),
                400,
                "type must be one of");
        assertProblem(
                officer.post(
                        "/api/v1/requests",
                        Map.of("type", "ERASURE", "identities", Map.of("email", EMAIL), "regulation", "HIPAA")),
                400,
                "regulation must be one of");
        assertProblem(
                officer.post(
                        "/api/v1/requests", Map.of("type", "ERASURE", "identities", Map.of(), "regulation", "GDPR")),
                400,
                "identities");
        assertProblem(
                officer.post(
                        "/api/v1/requests",
                        Map.of("type", "RECTIFICATION", "identities", Map.of("email", EMAIL), "regulation", "GDPR")),
                400,
                "corrections");
        assertProblem(
                officer.post(
                        "/api/v1/requests",
                        Map.of(
                                "type",
                                "ERASURE",
                                "identities",
                                Map.of("email", EMAIL),
                                "regulation",
                                "GDPR",
                                "channel",
                                "FAX")),
                400,
                "channel");
        assertProblem(auditor.get("/api/v1/requests?status=LOST"), 400, "status must be one of");
        assertProblem(auditor.get("/api/v1/requests?dueBefore=tomorrow"), 400, "dueBefore");
        assertProblem(auditor.get("/api/v1/requests/" + UUID.randomUUID()), 404, "not found");
        assertProblem(auditor.get("/api/v1/requests/not-a-uuid"), 400, "malformed");
        assertProblem(engineer.get("/api/v1/requests"), 403, "roles");
        assertProblem(auditor.post("/api/v1/requests", erasure(EMAIL)), 403, "roles");
    }

    @Test
    void aDuplicateIsLinkedAndAnotherTenantCannotSeeIt() {
        String original = file(erasure(EMAIL));

        JsonNode duplicate = CatalogHttp.body(secondOfficer.post("/api/v1/requests", erasure(EMAIL.toUpperCase())));

        assertThat(duplicate.get("linkedTo").asString()).isEqualTo(original);
        Tenant other = tenants.create(UniqueNames.of("dsr-other"), "Other tenant");
        String otherKey = "it-" + UUID.randomUUID();
        as(
                other.id(),
                () -> apiKeys.ensure(
                        other.id(), "po-" + UUID.randomUUID(), otherKey, Set.of(Role.PRIVACY_OFFICER), Scope.all()));
        CatalogHttp stranger = new CatalogHttp(port, otherKey);
        assertThat(stranger.get("/api/v1/requests/" + original).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/requests").body()).isEqualTo("[]");
        assertThat(stranger.post("/api/v1/requests/" + original + "/cancel", Map.of("reason", "mine now"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theKekRotatesAndSealedSubjectsStillOpen() {
        UUID id = UUID.fromString(file(erasure(EMAIL)));
        CatalogHttp admin = new CatalogHttp(port, ADMIN_KEY);

        HttpResponse<String> rotated = admin.post("/api/v1/vault/kek/rotate", Map.of());

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        int newVersion = CatalogHttp.body(rotated).get("newVersion").asInt();
        assertThat(owner().select(dev.lethe.catalog.jooq.Tables.REQUEST.KEK_VERSION)
                        .from(dev.lethe.catalog.jooq.Tables.REQUEST)
                        .where(dev.lethe.catalog.jooq.Tables.REQUEST.ID.eq(id))
                        .fetchSingle()
                        .value1())
                .isEqualTo(newVersion);
        assertThat(owner().fetch("select * from lethe_request_subject_kek_versions()")
                        .getValues(0, Integer.class))
                .containsExactly(newVersion);
        assertThat(as(tenant.id(), () -> store.identities(tenant.id(), id)).values())
                .containsEntry("email", EMAIL);
    }

    private String file(Map<String, Object> body) {
        HttpResponse<String> created = officer.post("/api/v1/requests", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CatalogHttp.body(created).get("id").asString();
    }

    private static Map<String, Object> erasure(String email) {
        return Map.of("type", "ERASURE", "identities", Map.of("email", email), "regulation", "GDPR");
    }

    private String auditOfTenant() {
        return owner().selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .fetch()
                .formatJSON();
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(CatalogHttp.body(response).get("detail").asString()).contains(detail);
    }
}
