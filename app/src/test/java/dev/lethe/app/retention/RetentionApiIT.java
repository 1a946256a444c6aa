package dev.lethe.app.retention;

import static dev.lethe.app.catalog.CatalogHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.TestMariaDb;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.retention.RetentionWorker;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Retention through the API on four kinds of real system ({@link RetentionSystems}): a policy of 30 days on
 * each dataset, a held subject and a held dataset. Previews count what a run then purges; after the run only
 * the expired records are gone and the held ones remain; a second run changes nothing; each run is audited
 * and shows in the record of processing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionApiIT extends AppIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    WorkflowClient temporal;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp auditor;
    RetentionSystems systems;
    /** Policy id by what it governs: events, tickets, visits, sessions, clicks. */
    final Map<String, String> policies = new LinkedHashMap<>();
    /** The legal hold on the tickets dataset. */
    String ticketsHold;

    @BeforeAll
    void aTenantWithFourSystemsAndItsPolicies() throws Exception {
        assumeTrue(TestMariaDb.unavailableReason().isEmpty(), "MariaDB is not installed");
        tenant = tenants.create(UniqueNames.of("retention"), "Retention API test");
        engineer = new CatalogHttp(port, key(tenant, Role.ENGINEER));
        officer = new CatalogHttp(port, key(tenant, Role.PRIVACY_OFFICER));
        auditor = new CatalogHttp(port, key(tenant, Role.AUDITOR));
        systems = new RetentionSystems(true);

        Map<String, String> shop =
                connectAndConfirm(systems.postgresRegistration(UniqueNames.of("shop"), UniqueNames.of("shop-db")));
        Map<String, String> web =
                connectAndConfirm(systems.mariaDbRegistration(UniqueNames.of("web"), UniqueNames.of("web-db")));
        Map<String, String> search = connectAndConfirm(
                systems.elasticsearchRegistration(UniqueNames.of("search"), UniqueNames.of("search-cluster")));
        created(engineer.post("/api/v1/streams?createTopics=true", systems.streamRegistration()));
        systems.produceClicks();
        assertThat(CommittedRecords.read(systems.cleanTopic, 9, PATIENCE)).hasSize(9);
        Map<String, String> bus =
                connectAndConfirm(systems.kafkaRegistration(UniqueNames.of("events"), UniqueNames.of("event-bus")));

        policies.put("events", policy("Events after 30 days", dataset(shop, "events"), "created_at"));
        policies.put("tickets", policy("Tickets after 30 days", dataset(shop, "tickets"), "created_at"));
        policies.put("visits", policy("Visits after 30 days", dataset(web, "visits"), "created_at"));
        policies.put("sessions", policy("Sessions after 30 days", dataset(search, "sessions"), "created_at"));
        policies.put("clicks", policy("Clicks after 30 days", dataset(bus, ".clean"), "timestamp"));
        ticketsHold = created(officer.post(
                        "/api/v1/legal-holds",
                        Map.of("datasetId", dataset(shop, "tickets"), "reason", "Case 2026-201: disputed support")))
                .get("id")
                .asString();
        created(officer.post(
                "/api/v1/legal-holds",
                Map.of("identities", Map.of("email", RetentionSystems.HELD), "reason", "Case 2026-202: litigation")));
    }

    @Test
    void previewsCountWhatARunPurgesHeldRecordsStayAndASecondRunChangesNothing() throws Exception {
        List<String> tables = List.of("events", "tickets", "visits", "sessions");
        JsonNode events = target(preview(auditor, "events"));
        assertRecords(events, 9);
        assertThat(events.get("held").asLong())
                .as("the held subject's expired row")
                .isEqualTo(1);
        assertThat(events.get("oldest").asString()).startsWith(day(systems.expired()));
        assertThat(target(preview(auditor, "tickets")).get("state").asString()).isEqualTo("HELD");
        assertRecords(target(preview(auditor, "visits")), 6);
        assertRecords(target(preview(auditor, "sessions")), 5);
        assertThat(systems.postgresCount("select count(*) from events"))
                .as("a preview changes nothing")
                .isEqualTo(15);

        JsonNode first = finished(runNow(tables));

        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("COMPLETED");
        assertThat(first.get("trigger").asString()).isEqualTo("MANUAL");
        assertThat(result(first, "events").get("state").asString())
                .as(first.toString())
                .isEqualTo("DONE");
        assertRecords(result(first, "events"), 9);
        assertThat(result(first, "events").get("held").asLong()).isEqualTo(1);
        assertThat(result(first, "tickets").get("state").asString()).isEqualTo("HELD");
        assertThat(result(first, "tickets").get("reason").asString()).contains(ticketsHold);
        assertRecords(result(first, "visits"), 6);
        assertRecords(result(first, "sessions"), 5);
        assertTablesKeepOnlyWhatTheyMay();
        for (String policy : List.of("events", "visits", "sessions")) {
            assertRecords(target(preview(officer, policy)), 0);
        }

        JsonNode second = finished(runNow(tables));

        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("COMPLETED");
        for (String policy : List.of("events", "visits", "sessions")) {
            assertRecords(result(second, policy), 0);
        }
        assertTablesKeepOnlyWhatTheyMay();
        List<String> listed = body(auditor.get("/api/v1/retention/runs")).findValuesAsString("id");
        assertThat(listed.indexOf(second.get("id").asString()))
                .as("newest first")
                .isNotNegative()
                .isLessThan(listed.indexOf(first.get("id").asString()));
        JsonNode page = body(auditor.get(
                "/api/v1/retention/runs?limit=1&after=" + second.get("id").asString()));
        assertThat(page).hasSize(1);

        String audit = auditor.get("/api/v1/audit?limit=200").body();
        assertThat(audit)
                .contains("retention.run.started", "retention.policy.enforced", "retention.run.finished")
                .doesNotContain("@example.org");
        JsonNode enforced = body(auditor.get("/api/v1/ropa")).get("retentionByDataset");
        assertThat(enforced.toString()).contains("Events after 30 days");
        for (JsonNode row : enforced) {
            if ("Events after 30 days".equals(row.get("policy").asString())) {
                assertThat(row.get("lastEnforced").isNull()).as(row.toString()).isFalse();
            }
        }
    }

    @Test
    void aKafkaIngestedTopicLosesItsExpiredRecordsOnly() {
        assertRecords(target(preview(auditor, "clicks")), 6);

        JsonNode first = finished(runNow(List.of("clicks")));
        JsonNode second = finished(runNow(List.of("clicks")));

        assertThat(result(first, "clicks").get("state").asString())
                .as(first.toString())
                .isEqualTo("DONE");
        assertRecords(result(first, "clicks"), 6);
        assertRecords(result(second, "clicks"), 0);
        assertThat(systems.cleanRecords(3)).isEqualTo(3);
        assertRecords(target(preview(officer, "clicks")), 0);
    }

    private static void assertRecords(JsonNode resultOrTarget, long records) {
        assertThat(resultOrTarget.get("records").asLong())
                .as(resultOrTarget.toString())
                .isEqualTo(records);
    }

    @Test
    void onlyOfficersAndAdminsRunAuditorsPreviewAndReadEngineersNeither() {
        String someRun = "/api/v1/retention/runs/" + UUID.randomUUID();

        assertProblem(engineer.post("/api/v1/retention/runs", Map.of()), 403, "roles");
        assertProblem(auditor.post("/api/v1/retention/runs", Map.of()), 403, "roles");
        assertProblem(engineer.post(previewPath("events"), Map.of()), 403, "roles");
        assertProblem(engineer.get("/api/v1/retention/runs"), 403, "roles");
        assertProblem(engineer.get("/api/v1/retention/schedule"), 403, "roles");
        assertProblem(auditor.put("/api/v1/retention/schedule", null, schedule("04:00", "UTC")), 403, "roles");
        assertThat(auditor.get("/api/v1/retention/runs").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/retention/schedule").statusCode()).isEqualTo(200);
        assertProblem(auditor.get(someRun), 404, "retention run");
    }

    @Test
    void unknownPoliciesAndRunsAndAnotherTenantsAreProblems() {
        CatalogHttp stranger = new CatalogHttp(
                port, key(tenants.create(UniqueNames.of("stranger"), "Another company"), Role.PRIVACY_OFFICER));

        assertProblem(
                officer.post("/api/v1/retention-policies/" + UUID.randomUUID() + "/preview", Map.of()),
                404,
                "retention policy");
        assertProblem(stranger.post(previewPath("events"), Map.of()), 404, "retention policy");
        assertProblem(
                officer.post("/api/v1/retention/runs", Map.of("policyIds", List.of(UUID.randomUUID()))),
                400,
                "no retention policy");
        assertProblem(
                stranger.post("/api/v1/retention/runs", Map.of("policyIds", List.of(policies.get("events")))),
                400,
                "no retention policy");
        assertProblem(officer.post("/api/v1/retention/runs", Map.of("policyIds", "events")), 400, "JSON");
        assertProblem(officer.get("/api/v1/retention/runs/not-a-uuid"), 400, "malformed");
        assertProblem(officer.get("/api/v1/retention/runs?limit=0"), 400, "limit");
        assertThat(body(stranger.get("/api/v1/retention/runs"))).isEmpty();
    }

    @Test
    void aPolicySaysWhatItsAnonymizationWrites() {
        Map<String, Object> policy = new HashMap<>();
        policy.put("name", "Hashed after a year");
        policy.put("dataCategory", "contact.email");
        policy.put("period", "P1Y");
        policy.put("clock", "created_at");
        policy.put("action", "ANONYMIZE");
        policy.put("anonymizeWith", "HASH");
        policy.put("enabled", false); // never enforced by the other tests' runs

        JsonNode hashed = created(officer.post("/api/v1/retention-policies", policy));
        policy.put("anonymizeWith", "SCRAMBLE");
        HttpResponse<String> unknown = officer.post("/api/v1/retention-policies", policy);
        policy.put("anonymizeWith", "TOKENIZE");
        policy.put("name", "Tokenized and shredded after a year");
        JsonNode tokenized = created(officer.post("/api/v1/retention-policies", policy));
        policy.remove("anonymizeWith");
        policy.put("name", "Nulled after a year");
        JsonNode nulled = created(officer.post("/api/v1/retention-policies", policy));

        assertThat(hashed.get("anonymizeWith").asString()).isEqualTo("HASH");
        assertThat(body(officer.get(
                                "/api/v1/retention-policies/" + hashed.get("id").asString()))
                        .get("anonymizeWith")
                        .asString())
                .isEqualTo("HASH");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(tokenized.get("anonymizeWith").asString()).isEqualTo("TOKENIZE");
        assertThat(nulled.get("anonymizeWith").asString()).isEqualTo("NULL");
        for (JsonNode made : List.of(hashed, tokenized, nulled)) {
            String path = "/api/v1/retention-policies/" + made.get("id").asString();
            officer.delete(path, CatalogHttp.etag(officer.get(path)));
        }
    }

    @Test
    void aSecondRunWhileOneRunsIsAConflictThatNamesIt() {
        Tenant busy = tenants.create(UniqueNames.of("busy"), "A tenant whose run runs");
        CatalogHttp busyOfficer = new CatalogHttp(port, key(busy, Role.PRIVACY_OFFICER));
        // A run that is in progress, as the store records it (its workflow is not this test's concern).
        UUID running = UUID.randomUUID();
        owner().execute(
                        "insert into retention_run (id, tenant_id, trigger, requested_by, planned_for, status)"
                                + " values (?, ?, 'MANUAL', 'api_key:test', now(), 'RUNNING')",
                        running,
                        busy.id());
        try {
            HttpResponse<String> second = busyOfficer.post("/api/v1/retention/runs", Map.of());

            assertProblem(second, 409, "in progress");
            assertThat(body(second).get("runningRunId").asString()).isEqualTo(running.toString());
        } finally {
            owner().execute("update retention_run set status = 'FAILED', finished_at = now() where id = ?", running);
        }
    }

    @Test
    void aNewTenantGetsItsScheduleWorkflow() {
        Tenant fresh = tenants.create(UniqueNames.of("new"), "A new tenant");

        WorkflowExecutionStatus status = Eventually.require(
                "the new tenant's schedule workflow",
                () -> scheduleStatus(fresh.id()),
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING::equals,
                Duration.ofSeconds(30));

        assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    /** The status of the tenant's schedule workflow, or null while there is none. */
    private WorkflowExecutionStatus scheduleStatus(UUID tenantId) {
        try {
            return temporal.getWorkflowServiceStubs()
                    .blockingStub()
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(temporal.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder()
                                    .setWorkflowId(RetentionWorker.scheduleWorkflowId(tenantId)))
                            .build())
                    .getWorkflowExecutionInfo()
                    .getStatus();
        } catch (StatusRuntimeException e) {
            return null;
        }
    }

    @Test
    void theScheduleIsReadAndSetWithItsNextRunAndBadInputIsAProblem() {
        Tenant own = tenants.create(UniqueNames.of("schedule"), "Schedule test");
        CatalogHttp admin = new CatalogHttp(port, key(own, Role.ADMIN));

        JsonNode initial = body(admin.get("/api/v1/retention/schedule"));
        HttpResponse<String> set = admin.put("/api/v1/retention/schedule", null, schedule("02:30", "Europe/Berlin"));
        JsonNode read = body(admin.get("/api/v1/retention/schedule"));
        HttpResponse<String> off = admin.put(
                "/api/v1/retention/schedule", null, Map.of("runAt", "02:30", "zone", "UTC", "enabled", false));

        assertThat(initial.get("runAt").asString()).isEqualTo("03:00");
        assertThat(initial.get("zone").asString()).isEqualTo("UTC");
        assertThat(initial.get("enabled").asBoolean()).isTrue();
        assertThat(initial.get("nextRunAt").asString()).endsWith("T03:00:00Z");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(read.get("runAt").asString()).isEqualTo("02:30");
        assertThat(read.get("zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(read.get("nextRunAt").asString()).matches(".*T0[01]:30:00Z");
        assertThat(body(off).get("enabled").asBoolean()).isFalse();
        assertThat(body(off).get("nextRunAt").isNull()).isTrue();
        assertProblem(admin.put("/api/v1/retention/schedule", null, schedule("25:00", "UTC")), 400, "runAt");
        assertProblem(admin.put("/api/v1/retention/schedule", null, schedule("03:00", "Mars/Olympus")), 400, "zone");
        assertProblem(admin.put("/api/v1/retention/schedule", null, Map.of("zone", "UTC")), 400, "runAt");
        assertThat(admin.get("/api/v1/audit?limit=50").body()).contains("retention.schedule.changed");
    }

    /** Runs the named policies now. */
    private JsonNode runNow(List<String> named) {
        HttpResponse<String> started = officer.post(
                "/api/v1/retention/runs",
                Map.of("policyIds", named.stream().map(policies::get).toList()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith("/api/v1/retention/runs/"));
        return body(started);
    }

    private JsonNode finished(JsonNode run) {
        String path = "/api/v1/retention/runs/" + run.get("id").asString();
        return Eventually.require(
                "the run at " + path + " to finish",
                () -> body(officer.get(path)),
                node -> !node.get("status").asString().equals("RUNNING"),
                PATIENCE);
    }

    private void assertTablesKeepOnlyWhatTheyMay() throws Exception {
        assertThat(systems.postgresCount("select count(*) from events where created_at > now() - interval '30 days'"))
                .isEqualTo(5);
        assertThat(systems.postgresCount("select count(*) from events where email = '" + RetentionSystems.HELD + "'"))
                .as("the held subject's expired row")
                .isEqualTo(1);
        assertThat(systems.postgresCount("select count(*) from events")).isEqualTo(6);
        assertThat(systems.postgresCount("select count(*) from tickets"))
                .as("the held dataset")
                .isEqualTo(6);
        assertThat(systems.mariaDbCount("select count(*) from visits")).isEqualTo(3);
        assertThat(systems.indexCount()).isEqualTo(2);
    }

    private JsonNode preview(CatalogHttp caller, String policy) {
        HttpResponse<String> response = caller.post(previewPath(policy), Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = body(response);
        assertThat(preview.get("policyId").asString()).isEqualTo(policies.get(policy));
        return preview;
    }

    private String previewPath(String policy) {
        return "/api/v1/retention-policies/" + policies.get(policy) + "/preview";
    }

    private static JsonNode target(JsonNode preview) {
        assertThat(preview.get("targets")).as(preview.toString()).hasSize(1);
        return preview.get("targets").get(0);
    }

    /** The one result of {@code policy} in the run. */
    private JsonNode result(JsonNode run, String policy) {
        for (JsonNode result : run.get("policies")) {
            if (result.get("policyId").asString().equals(policies.get(policy))) {
                assertThat(result.get("results")).as(result.toString()).hasSize(1);
                return result.get("results").get(0);
            }
        }
        throw new AssertionError("no result of " + policy + " in " + run);
    }

    private String policy(String name, String datasetId, String clock) {
        return created(officer.post(
                        "/api/v1/retention-policies",
                        Map.of("name", name, "datasetId", datasetId, "period", "P30D", "clock", clock)))
                .get("id")
                .asString();
    }

    /** Registers a connection, discovers its datasets and confirms every field; answers dataset ids by name. */
    private Map<String, String> connectAndConfirm(Map<String, Object> registration) {
        String path = "/api/v1/connections/"
                + created(engineer.post("/api/v1/connections", registration))
                        .get("id")
                        .asString();
        HttpResponse<String> discovered = engineer.post(path + "/discover", Map.of());
        assertThat(discovered.statusCode()).as(discovered.body()).isEqualTo(200);
        Map<String, String> datasets = new HashMap<>();
        body(discovered)
                .get("datasets")
                .forEach(d -> datasets.put(d.get("name").asString(), d.get("id").asString()));
        for (String dataset : datasets.values()) {
            String datasetPath = "/api/v1/datasets/" + dataset;
            HttpResponse<String> reviewed = engineer.post(
                    datasetPath + "/fields/review",
                    CatalogHttp.etag(engineer.get(datasetPath)),
                    Map.of("decision", "CONFIRM"));
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        }
        return datasets;
    }

    private static String dataset(Map<String, String> datasets, String nameEnd) {
        return datasets.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(nameEnd))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dataset *" + nameEnd + " in " + datasets.keySet()));
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    private static Map<String, Object> schedule(String runAt, String zone) {
        return Map.of("runAt", runAt, "zone", zone, "enabled", true);
    }

    private static String day(java.time.Instant instant) {
        return instant.toString().substring(0, 10);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("detail").asString()).containsIgnoringCase(detail);
    }

    private String key(Tenant owner, Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                owner.id(),
                () -> apiKeys.ensure(owner.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
