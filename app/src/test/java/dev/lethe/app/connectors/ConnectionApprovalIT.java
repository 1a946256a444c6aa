package dev.lethe.app.connectors;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Four eyes on connections, as production has it ({@code lethe.connectors.approval-required}): a
 * connection someone registers or re-points is not used for locate, requests or retention until a
 * privacy officer or administrator other than that person approves it.
 */
@TestPropertySource(properties = "lethe.test.approval-required=true")
class ConnectionApprovalIT extends AppIntegrationTest {

    private static final Map<String, Object> SUBJECT = Map.of("identities", Map.of("email", "customer7@example.org"));

    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    /** What requests and retention ask for the tenant's systems. */
    @Autowired
    ConnectedSystems systems;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp admin;

    @BeforeAll
    static void seedShop() throws SQLException {
        shop = ShopDatabase.create();
    }

    @BeforeEach
    void tenantWithKeys() {
        tenant = tenants.create(UniqueNames.of("approval"), "Connection approval test");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        admin = new CatalogHttp(port, key(Role.ADMIN));
    }

    @Test
    void aNewConnectionIsNeitherLocatedNorUsedByRequestsUntilAnOfficerApprovesIt() {
        HttpResponse<String> created =
                engineer.post("/api/v1/connections", shop.registration(UniqueNames.of("shop"), UniqueNames.of("db")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode connection = CatalogHttp.body(created);
        String path = "/api/v1/connections/" + connection.get("id").asString();
        UUID id = UUID.fromString(connection.get("id").asString());
        assertThat(connection.get("approval").asString()).isEqualTo("PENDING_APPROVAL");
        // The TLS setting is stated, here the opt-out the test server needs.
        assertThat(connection.get("config").get("ssl-mode").asString()).isEqualTo("disable");

        assertProblem(officer.post(path + "/locate", SUBJECT), 409, "waits for approval");
        // As requests and retention see the tenant's systems: under its row-level security.
        assertThat(as(tenant.id(), () -> systems.list(tenant.id())))
                .extracting(ConnectedSystem::connectionId)
                .doesNotContain(id);
        assertThat(as(tenant.id(), () -> systems.find(tenant.id(), id))).isEmpty();
        assertThatThrownBy(() -> as(tenant.id(), () -> systems.withConnector(tenant.id(), id, connector -> "used")))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse());

        // An engineer may register but not approve.
        assertProblem(engineer.postIfMatch(path + "/approval", CatalogHttp.etag(created)), 403, "PRIVACY_OFFICER");
        HttpResponse<String> approved = officer.postIfMatch(path + "/approval", CatalogHttp.etag(created));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(approved).get("approval").asString()).isEqualTo("APPROVED");
        assertThat(officer.post(path + "/locate", SUBJECT).statusCode()).isEqualTo(200);
        assertThat(as(tenant.id(), () -> systems.list(tenant.id())))
                .extracting(ConnectedSystem::connectionId)
                .contains(id);
        assertThat(audit("connector.connection.approved"))
                .singleElement()
                .satisfies(details -> assertThat(details).contains("\"ssl-mode\": \"disable\""));
        assertThat(audit("connector.connection.submitted"))
                .singleElement()
                .satisfies(details -> assertThat(details).contains("\"ssl-mode\": \"disable\""));
    }

    @Test
    void whoeverRegisteredAConnectionCannotApproveIt() {
        HttpResponse<String> created =
                admin.post("/api/v1/connections", shop.registration(UniqueNames.of("shop"), UniqueNames.of("db")));
        String path =
                "/api/v1/connections/" + CatalogHttp.body(created).get("id").asString();

        assertProblem(admin.postIfMatch(path + "/approval", CatalogHttp.etag(created)), 403, "other than");
        assertThat(CatalogHttp.body(admin.get(path)).get("approval").asString()).isEqualTo("PENDING_APPROVAL");
        assertProblem(admin.post(path + "/locate", SUBJECT), 409, "waits for approval");

        HttpResponse<String> approved = officer.postIfMatch(path + "/approval", CatalogHttp.etag(created));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        // Once is enough; a second approval is a conflict, not a second entry.
        assertThat(admin.postIfMatch(path + "/approval", CatalogHttp.etag(approved))
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void pointingAnApprovedConnectionElsewhereMakesItWaitAgain() {
        String name = UniqueNames.of("shop");
        String system = UniqueNames.of("db");
        HttpResponse<String> created = engineer.post("/api/v1/connections", shop.registration(name, system));
        String path =
                "/api/v1/connections/" + CatalogHttp.body(created).get("id").asString();
        HttpResponse<String> approved = officer.postIfMatch(path + "/approval", CatalogHttp.etag(created));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        // A new name only: still approved.
        Map<String, Object> renamed = new LinkedHashMap<>(shop.registration(name + "-renamed", system));
        HttpResponse<String> afterRename = engineer.put(path, CatalogHttp.etag(approved), renamed);
        assertThat(afterRename.statusCode()).as(afterRename.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(afterRename).get("approval").asString()).isEqualTo("APPROVED");

        // Another database: waits for approval again, and the officer who approved before must look again.
        Map<String, Object> moved = new LinkedHashMap<>(renamed);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) renamed.get("config"));
        config.put("database", config.get("database") + "_elsewhere");
        moved.put("config", config);
        HttpResponse<String> afterMove = engineer.put(path, CatalogHttp.etag(afterRename), moved);

        assertThat(afterMove.statusCode()).as(afterMove.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(afterMove).get("approval").asString()).isEqualTo("PENDING_APPROVAL");
        assertProblem(officer.post(path + "/locate", SUBJECT), 409, "waits for approval");
        // An approval of the version before the move does not approve the move.
        assertThat(officer.postIfMatch(path + "/approval", CatalogHttp.etag(afterRename))
                        .statusCode())
                .isEqualTo(409);
        assertThat(officer.postIfMatch(path + "/approval", CatalogHttp.etag(afterMove))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anOfficerApprovesFromTheConnectionsPageWhichShowsThatItWaits() {
        People people = people();
        WebClient officerPages = People.signIn(port, people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER));
        WebClient engineerPages = People.signIn(port, people.create(tenant, "Erin Engineer", Role.ENGINEER));
        HttpResponse<String> created =
                engineer.post("/api/v1/connections", shop.registration(UniqueNames.of("shop"), UniqueNames.of("db")));
        JsonNode connection = CatalogHttp.body(created);
        String page = "/connections/" + connection.get("id").asString();

        HttpResponse<String> seenByEngineer = engineerPages.get(page);
        assertThat(seenByEngineer.body()).contains("waits for approval").doesNotContain("approve-button");
        // The stated TLS opt-out is among the settings shown.
        assertThat(seenByEngineer.body()).contains("disable");
        assertThat(engineerPages
                        .post(
                                page + "/approval",
                                Map.of(
                                        "version",
                                        connection
                                                .get("revision")
                                                .get("version")
                                                .asString()))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> seenByOfficer = officerPages.get(page);
        assertThat(seenByOfficer.body()).contains("approve-button");

        HttpResponse<String> approved = officerPages.post(
                page + "/approval",
                Map.of("version", connection.get("revision").get("version").asString()));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        assertThat(officerPages.get(page).body()).contains("approved").doesNotContain("approve-button");
        assertThat(CatalogHttp.body(officer.get(
                                "/api/v1/connections/" + connection.get("id").asString()))
                        .get("approval")
                        .asString())
                .isEqualTo("APPROVED");
    }

    private java.util.List<String> audit(String action) {
        return owner().selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.ACTION.eq(action))
                .fetch(entry -> entry.getDetails().data());
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
