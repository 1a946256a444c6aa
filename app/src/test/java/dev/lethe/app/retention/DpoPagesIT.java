package dev.lethe.app.retention;

import static dev.lethe.app.catalog.CatalogHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.retention.RetentionRuns;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The DPO's and auditor's pages over HTTP, as signed-in people, against one tenant with a real PostgreSQL
 * system ({@link RetentionSystems}: {@code events} has 10 expired records): a policy made through the form
 * and previewed, holds placed and released, the schedule set, the record of processing and its downloads, the audit log and
 * the chain's verification before and after an audit row is forged behind the application's back, and the
 * roles that may not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DpoPagesIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RetentionPolicies policies;

    @Autowired
    LegalHolds holds;

    @Autowired
    RetentionRuns runs;

    Tenant tenant;
    People.Person officer;
    People.Person auditor;
    People.Person engineer;
    /** Dataset ids by name: the shop database's events and tickets. */
    Map<String, String> datasets;

    private final Map<People.Person, WebClient> browsers = new HashMap<>();

    @BeforeAll
    void aTenantWithAShopDatabaseAndAnActivity() throws Exception {
        tenant = tenants.create(UniqueNames.of("dpo"), "DPO pages test");
        People people = people();
        officer = people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        auditor = people.create(tenant, "Aldo Auditor", Role.AUDITOR);
        engineer = people.create(tenant, "Enzo Engineer", Role.ENGINEER);

        RetentionSystems systems = new RetentionSystems(false);
        CatalogHttp engineerApi = new CatalogHttp(port, key(Role.ENGINEER));
        datasets = connectAndConfirm(
                engineerApi, systems.postgresRegistration(UniqueNames.of("shop"), UniqueNames.of("shop-db")));

        CatalogHttp officerApi = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        String systemId = body(engineerApi.get("/api/v1/datasets/" + dataset("events")))
                .get("systemId")
                .asString();
        Map<String, Object> activity = new HashMap<>();
        activity.put("name", "Order fulfilment");
        activity.put("purpose", "service_delivery");
        activity.put("subjectCategories", List.of("customer"));
        activity.put("dataCategories", List.of("contact.email"));
        activity.put("recipients", List.of("Parcel carrier"));
        activity.put("systemIds", List.of(systemId));
        HttpResponse<String> created = officerApi.post("/api/v1/processing-activities", activity);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    @Order(1)
    void anOfficerCreatesAPolicyThroughTheFormAndPreviewsWhatItWouldPurge() {
        WebClient browser = signedIn(officer);
        HttpResponse<String> form = browser.get("/retention/policies/new");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("dataset:" + dataset("events"));

        HttpResponse<String> refused = browser.post("/retention/policies", policyForm("thirty days"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("period").contains("Events after 30 days");

        HttpResponse<String> saved = browser.post("/retention/policies", policyForm("P30D"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/retention"));
        HttpResponse<String> page = browser.get("/retention");
        assertThat(page.body())
                .contains("The policy “Events after 30 days” is saved.")
                .contains("Events after 30 days")
                .contains("P30D")
                .contains("field created_at");

        RetentionPolicy policy = policy("Events after 30 days");
        assertThat(policy.datasetId()).hasToString(dataset("events"));
        HttpResponse<String> preview = browser.post("/retention/policies/" + policy.id() + "/preview", Map.of());
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body())
                .contains("Preview of “<span>Events after 30 days</span>”")
                .contains("<td class=\"records\">10</td>")
                .contains("purge");

        HttpResponse<String> edit = browser.get("/retention/policies/" + policy.id() + "/edit");
        assertThat(edit.body()).contains("value=\"P30D\"").contains("Delete this policy");
        Map<String, String> changed = new LinkedHashMap<>(policyForm("P60D"));
        changed.put("version", String.valueOf(policy.revision().version()));
        assertThat(browser.post("/retention/policies/" + policy.id(), changed).statusCode())
                .isEqualTo(302);
        assertThat(policy("Events after 30 days").period()).isEqualTo("P60D");
    }

    @Test
    @Order(2)
    void anOfficerPlacesAHoldAndReleasesItAfterConfirming() {
        WebClient browser = signedIn(officer);
        browser.get("/retention");
        HttpResponse<String> placed = browser.post(
                "/retention/holds",
                Map.of("scope", "dataset:" + dataset("tickets"), "reason", "Case 2026-301: disputed tickets"));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(302);
        assertThat(browser.get("/retention").body())
                .contains("The legal hold is placed.")
                .contains("Case 2026-301: disputed tickets")
                .contains(">holding<");

        LegalHold hold = hold("Case 2026-301: disputed tickets");
        assertThat(hold.datasetId()).hasToString(dataset("tickets"));
        HttpResponse<String> confirm = browser.get("/retention/holds/" + hold.id() + "/release");
        assertThat(confirm.body()).contains("Release this legal hold?").contains("Case 2026-301");
        HttpResponse<String> released = browser.post(
                "/retention/holds/" + hold.id() + "/release",
                Map.of("version", String.valueOf(hold.revision().version())));
        assertThat(released.statusCode()).isEqualTo(302);
        assertThat(browser.get("/retention").body())
                .contains("The legal hold is released.")
                .contains(">released<");
        assertThat(hold("Case 2026-301: disputed tickets").releasedAt()).isNotNull();

        HttpResponse<String> onASubject = browser.post(
                "/retention/holds",
                Map.of(
                        "scope", "subject",
                        "subjectEmail", "Held.Person@Example.org",
                        "reason", "Case 2026-302: litigation"));
        assertThat(onASubject.statusCode()).isEqualTo(302);
        assertThat(browser.get("/retention").body())
                .contains("Case 2026-302: litigation")
                .contains("a data subject")
                .doesNotContainIgnoringCase("held.person@example.org");
        assertThat(hold("Case 2026-302: litigation").subjectHashes())
                .singleElement()
                .asString()
                .hasSize(64);

        browser.post("/retention/holds", Map.of("scope", "", "reason", "Case 2026-303"));
        assertThat(browser.get("/retention").body()).contains("The hold was not placed: Choose what the hold covers");
    }

    @Test
    @Order(3)
    void anOfficerSetsTheDailySchedule() {
        WebClient browser = signedIn(officer);
        browser.get("/retention");
        HttpResponse<String> saved =
                browser.post("/retention/schedule", Map.of("runAt", "04:30", "zone", "Europe/Berlin", "enabled", "on"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(browser.get("/retention").body())
                .contains("The schedule is saved.")
                .contains("Every day at <strong>04:30</strong>")
                .contains("Europe/Berlin");

        browser.post("/retention/schedule", Map.of("runAt", "25:99", "zone", "Europe/Berlin"));
        assertThat(browser.get("/retention").body()).contains("runAt must be a time of day");
    }

    @Test
    @Order(4)
    void theRecordOfProcessingIsAPageAndTwoDownloads() {
        WebClient browser = signedIn(engineer);
        HttpResponse<String> page = browser.get("/record-of-processing");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Record of processing activities")
                .contains("Order fulfilment")
                .contains("Parcel carrier")
                .contains("contact.email")
                .contains("Events after 30 days");

        HttpResponse<String> csv = browser.get("/record-of-processing.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"record-of-processing.csv\"");
        assertThat(csv.body()).contains("Order fulfilment").contains("Parcel carrier");

        HttpResponse<String> html = browser.get("/record-of-processing.html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"record-of-processing.html\"");
        assertThat(html.body())
                .contains("Record of processing activities (GDPR Art. 30)")
                .contains("Order fulfilment");
    }

    @Test
    @Order(5)
    void anOfficerRunsRetentionNowAndFollowsTheRun() {
        WebClient browser = signedIn(officer);
        browser.get("/retention");
        HttpResponse<String> started = browser.post("/retention/run", Map.of());
        assertThat(started.statusCode()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/retention/runs/");
        UUID runId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        Eventually.require(
                "the run finished",
                () -> as(tenant.id(), () -> runs.find(tenant.id(), runId).orElseThrow()),
                run -> run.status().finished(),
                Duration.ofSeconds(120));

        HttpResponse<String> run = browser.get("/retention/runs/" + runId);
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body())
                .contains("Events after 30 days")
                .contains("COMPLETED")
                .contains(">DONE<");
        assertThat(browser.get("/retention").body()).contains("/retention/runs/" + runId);
    }

    @Test
    @Order(6)
    void anAuditorSeesTheLogVerifiesTheChainAndSeesWhereAForgedEntryBreaksIt() {
        WebClient browser = signedIn(auditor);
        HttpResponse<String> log = browser.get("/audit");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("id=\"audit-entries\"").contains("<code>catalog.");
        assertThat(log.body()).as("no personal data").doesNotContain(officer.email());

        assertThat(browser.get("/audit?action=catalog.retention_policy.created").body())
                .contains("<code>catalog.retention_policy.created</code>");
        HttpResponse<String> filtered = browser.get("/audit?action=catalog.legal_hold.created");
        assertThat(filtered.body())
                .contains("<code>catalog.legal_hold.created</code>")
                .doesNotContain("catalog.retention_policy.created");

        HttpResponse<String> verified = browser.post("/audit/verify", Map.of());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("Verified").contains("The chain is intact");

        forgeEntry(2);
        HttpResponse<String> broken = browser.post("/audit/verify", Map.of());
        assertThat(broken.body())
                .contains("Broken")
                .contains("The chain breaks at entry <strong>2</strong>")
                .contains("content does not match its hash");
    }

    @Test
    @Order(7)
    void anEngineerMayNotOpenTheAuditLogNorSeeRuns() {
        WebClient browser = signedIn(engineer);
        assertThat(browser.get("/audit").statusCode()).isEqualTo(403);
        assertThat(browser.post("/audit/verify", Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> retention = browser.get("/retention");
        assertThat(retention.statusCode()).isEqualTo(200);
        assertThat(retention.body())
                .contains("Events after 30 days")
                .doesNotContain("Recent runs")
                .doesNotContain("New policy");
    }

    @Test
    @Order(8)
    void anAuditorMayReadAndPreviewButNotChangePolicies() {
        WebClient browser = signedIn(auditor);
        HttpResponse<String> retention = browser.get("/retention");
        assertThat(retention.body())
                .contains("Recent runs")
                .contains("Preview")
                .doesNotContain("New policy")
                .doesNotContain(">Edit<")
                .doesNotContain("Run now")
                .doesNotContain("Place a legal hold");
        assertThat(browser.post("/retention/policies", policyForm("P30D")).statusCode())
                .isEqualTo(403);
        assertThat(browser.get("/retention/policies/new").statusCode()).isEqualTo(403);
        RetentionPolicy policy = policy("Events after 30 days");
        assertThat(browser.post("/retention/policies/" + policy.id() + "/preview", Map.of())
                        .statusCode())
                .isEqualTo(200);
    }

    /**
     * The person's signed-in client, signed in once per class: each sign-in takes the next TOTP time step,
     * and the sign-in accepts only steps near the current one.
     */
    private WebClient signedIn(People.Person person) {
        return browsers.computeIfAbsent(person, signingIn -> People.signIn(port, signingIn));
    }

    private Map<String, String> policyForm(String period) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Events after 30 days");
        form.put("target", "dataset:" + dataset("events"));
        form.put("period", period);
        form.put("clockKind", "FIELD");
        form.put("clock", "created_at");
        form.put("action", "DELETE");
        form.put("anonymizeWith", "NULL");
        form.put("legalBasis", "");
        form.put("enabled", "on");
        return form;
    }

    private RetentionPolicy policy(String name) {
        return as(tenant.id(), () -> policies.list(tenant.id())).stream()
                .filter(policy -> policy.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private LegalHold hold(String reason) {
        return as(tenant.id(), () -> holds.list(tenant.id())).stream()
                .filter(hold -> hold.reason().equals(reason))
                .findFirst()
                .orElseThrow();
    }

    /** Changes an entry's target as the database's owner could, behind the application's back. */
    private void forgeEntry(long seq) {
        var owner = owner();
        owner.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
        try {
            owner.execute(
                    "update audit_entry set target = 't:forged' where tenant_id = ? and seq = ?", tenant.id(), seq);
        } finally {
            owner.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
        }
    }

    private String dataset(String nameEnd) {
        return datasets.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(nameEnd))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dataset *" + nameEnd + " in " + datasets.keySet()));
    }

    /** Registers a connection, discovers its datasets and confirms every field; answers dataset ids by name. */
    private static Map<String, String> connectAndConfirm(CatalogHttp engineer, Map<String, Object> registration) {
        HttpResponse<String> connection = engineer.post("/api/v1/connections", registration);
        assertThat(connection.statusCode()).as(connection.body()).isEqualTo(201);
        String path = "/api/v1/connections/" + body(connection).get("id").asString();
        HttpResponse<String> discovered = engineer.post(path + "/discover", Map.of());
        assertThat(discovered.statusCode()).as(discovered.body()).isEqualTo(200);
        Map<String, String> found = new HashMap<>();
        body(discovered)
                .get("datasets")
                .forEach(d -> found.put(d.get("name").asString(), d.get("id").asString()));
        for (String dataset : found.values()) {
            String datasetPath = "/api/v1/datasets/" + dataset;
            HttpResponse<String> reviewed = engineer.post(
                    datasetPath + "/fields/review",
                    CatalogHttp.etag(engineer.get(datasetPath)),
                    Map.of("decision", "CONFIRM"));
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        }
        return found;
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
