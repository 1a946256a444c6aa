package dev.lethe.app.web;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.connectors.ConnectorTypes;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engineers' pages over HTTP as a browser uses them, against the whole application and a real
 * PostgreSQL shop: the registration form generated from the connector type, a registration through it
 * that never echoes the password, test and discovery from the connection's page, discovered fields
 * confirmed in bulk and an identity set on the dataset's page, streams paused and resumed, and an
 * auditor who reads every page but may post to none.
 */
class EngineerPagesIT extends AppIntegrationTest {

    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ConnectorTypes types;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private WebClient engineer;
    private WebClient auditor;

    @BeforeAll
    static void seedShop() throws SQLException {
        shop = ShopDatabase.create();
    }

    @BeforeEach
    void tenantAndPeople() {
        tenant = tenants.create(UniqueNames.of("eng-pages"), "Engineer pages test");
        People people = people();
        engineer = People.signIn(port, people.create(tenant, "Erin Engineer", Role.ENGINEER));
        auditor = People.signIn(port, people.create(tenant, "Aldo Auditor", Role.AUDITOR));
    }

    @Test
    void theRegistrationFormHasAnInputPerSettingOfTheType() {
        HttpResponse<String> page = engineer.get("/connections/new?type=postgresql");

        assertThat(page.statusCode()).isEqualTo(200);
        ConnectorType postgres = types.require("postgresql");
        for (ConfigField field : postgres.fields()) {
            String input = element(page.body(), "config." + field.name());
            assertThat(input).as(field.name()).isNotNull();
            assertThat(input.contains(" required"))
                    .as(field.name() + " required")
                    .isEqualTo(field.required());
            assertThat(input.contains("type=\"password\""))
                    .as(field.name() + " secret")
                    .isEqualTo(field.secret());
            assertThat(page.body()).as(field.name() + " described").contains(field.description());
        }
        assertThat(element(page.body(), "config.port")).contains("type=\"number\"", "value=\"5432\"");
        assertThat(element(page.body(), "config.ssl-mode")).startsWith("<select");
        assertThat(page.body()).contains("<option value=\"verify-ca\"", "SSL mode", "Statement timeout seconds");
        assertThat(engineer.get("/connections/new").body()).contains("/connections/new?type=postgresql");
    }

    @Test
    void aConnectionRegisteredThroughTheFormNeverShowsItsPassword() {
        String name = UniqueNames.of("shop");
        Map<String, String> form = registration(name, UniqueNames.of("shop-db"));
        form.put("config.port", "70000");

        HttpResponse<String> refused = engineer.post("/connections", form);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("not a port").doesNotContain(shop.password());
        assertThat(refused.body()).contains("value=\"" + shop.user() + "\"");

        form.put("config.port", Integer.toString(shop.services().postgresPort()));
        HttpResponse<String> registered = engineer.post("/connections", form);

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        String path = registered.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(path).matches("/connections/[0-9a-f-]{36}");
        HttpResponse<String> detail = engineer.get(path);
        HttpResponse<String> edit = engineer.get(path + "/edit");
        HttpResponse<String> list = engineer.get("/connections");
        assertThat(detail.body()).contains(name, shop.user(), "set (hidden)", "registered");
        assertThat(edit.body()).contains("A value is stored; leave this empty to keep it.");
        assertThat(list.body()).contains(name, "not tested");
        assertThat(List.of(detail.body(), edit.body(), list.body())).noneMatch(body -> body.contains(shop.password()));

        // A change that leaves the password empty keeps it: the connection still signs in.
        Map<String, String> change = new HashMap<>(form);
        change.put("config.password", "");
        change.put("config.statement-timeout-seconds", "20");
        change.put("version", "1");
        HttpResponse<String> changed = engineer.post(path + "/edit", change);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
        assertThat(engineer.get(path).body()).contains("20", "set (hidden)");
        assertThat(engineer.post(path + "/test", Map.of()).body()).contains("Every check passed");
    }

    @Test
    void testDiscoverAndBulkConfirmThroughThePages() {
        String path = register();

        HttpResponse<String> test = engineer.post(path + "/test", Map.of());
        HttpResponse<String> discovered = engineer.post(path + "/discover", Map.of());

        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(test.body()).contains("Every check passed").doesNotContain("<html");
        assertThat(discovered.statusCode()).isEqualTo(200);
        assertThat(discovered.body()).contains("public.customers", "Review the fields");
        assertThat(engineer.get("/connections").body()).contains("reachable", "datasets");
        Matcher link = Pattern.compile(
                        "<td>public.customers</td>.*?href=\"(/data-map/datasets/[0-9a-f-]{36})\"", Pattern.DOTALL)
                .matcher(discovered.body());
        assertThat(link.find()).as(discovered.body()).isTrue();
        String datasetPage = link.group(1);
        UUID dataset = UUID.fromString(datasetPage.substring(datasetPage.lastIndexOf('/') + 1));

        HttpResponse<String> page = engineer.get(datasetPage);
        List<String> ticks = values(page.body(), "field");
        assertThat(ticks).as("a check box per discovered field").hasSize(statusCount(dataset, "DISCOVERED"));
        assertThat(ticks).hasSizeGreaterThan(1);
        assertThat(engineer.get("/data-map").body()).contains(datasetPage, "public.customers");

        // One field decided on its own, the others ticked and confirmed together.
        String rejected = ticks.getFirst();
        HttpResponse<String> one = engineer.post(datasetPage + "/review", Map.of("one", "REJECT:" + rejected));
        assertThat(engineer.get(datasetPage).body()).contains("1 field rejected.");
        // Spring binds "a,b" to a list as it binds a=…&a=…, the form's ticked boxes.
        HttpResponse<String> bulk = engineer.post(
                datasetPage + "/review",
                Map.of("field", String.join(",", ticks.subList(1, ticks.size())), "decision", "CONFIRM"));

        assertThat(one.statusCode()).isEqualTo(302);
        assertThat(bulk.statusCode()).isEqualTo(302);
        assertThat(statusCount(dataset, "DISCOVERED")).isZero();
        assertThat(statusCount(dataset, "REJECTED")).isEqualTo(1);
        assertThat(statusCount(dataset, "CONFIRMED")).isEqualTo(ticks.size() - 1);
        assertThat(engineer.get(datasetPage).body()).contains((ticks.size() - 1) + " fields confirmed.");

        // A stale version is refused, not applied.
        HttpResponse<String> stale = engineer.post(datasetPage + "/review", Map.of("one", "REJECT:" + ticks.get(1)));
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(engineer.get(datasetPage).body()).contains("changed meanwhile");
        assertThat(statusCount(dataset, "REJECTED")).isEqualTo(1);

        // An identity type set on a field.
        var email = owner().select(DATA_FIELD.ID, DATA_FIELD.VERSION)
                .from(DATA_FIELD)
                .where(DATA_FIELD.DATASET_ID.eq(dataset))
                .and(DATA_FIELD.PATH.eq("email"))
                .fetchSingle();
        HttpResponse<String> identity = engineer.post(
                "/data-map/fields/" + email.value1() + "/identity",
                Map.of(
                        "identityType",
                        "customer_email",
                        "version",
                        email.value2().toString()));
        assertThat(identity.statusCode()).isEqualTo(302);
        assertThat(owner().select(DATA_FIELD.IDENTITY_TYPE)
                        .from(DATA_FIELD)
                        .where(DATA_FIELD.ID.eq(email.value1()))
                        .fetchSingle(DATA_FIELD.IDENTITY_TYPE))
                .isEqualTo("customer_email");
        assertThat(engineer.get(datasetPage).body()).contains("holds the identity customer_email");
        assertThat(owner().fetchCount(
                                AUDIT_ENTRY,
                                AUDIT_ENTRY
                                        .TENANT_ID
                                        .eq(tenant.id())
                                        .and(AUDIT_ENTRY.ACTION.eq("connector.connection.tested"))))
                .isEqualTo(1);
    }

    @Test
    void theDataMapDrawsTheFlowsAndListsThem() {
        CatalogHttp api = new CatalogHttp(port, key(Role.ENGINEER));
        String shopSystem = id(api.post("/api/v1/systems", Map.of("name", "shop")));
        String billing = id(api.post("/api/v1/systems", Map.of("name", "billing")));
        Map<String, Object> toBilling = new HashMap<>();
        toBilling.put("name", "orders to billing");
        toBilling.put("fromSystemId", shopSystem);
        toBilling.put("toSystemId", billing);
        toBilling.put("dataCategories", List.of("contact.email"));
        Map<String, Object> toCarrier = new HashMap<>(toBilling);
        toCarrier.remove("toSystemId");
        toCarrier.put("name", "parcels to the carrier");
        toCarrier.put("externalRecipient", "Parcel Carrier Ltd");
        assertThat(api.post("/api/v1/data-flows", toBilling).statusCode()).isEqualTo(201);
        assertThat(api.post("/api/v1/data-flows", toCarrier).statusCode()).isEqualTo(201);

        String page = auditor.get("/data-map").body();

        assertThat(page).contains("<svg", "<title id=\"flow-picture-title\">");
        assertThat(count(page, "<rect ")).isEqualTo(3);
        assertThat(count(page, "<line ")).isEqualTo(2);
        assertThat(page).contains("orders to billing", "parcels to the carrier", "Parcel Carrier Ltd (external)");
        assertThat(page).doesNotContain("style=");
    }

    @Test
    void streamsArePausedAndResumedFromTheirRow() {
        CatalogHttp api = new CatalogHttp(port, key(Role.ENGINEER));
        String name = UniqueNames.of("orders");
        Map<String, Object> stream = new HashMap<>();
        stream.put("name", name);
        stream.put("sourceTopic", name + ".raw");
        stream.put("targetTopic", name + ".clean");
        stream.put("system", "shop-" + name);
        stream.put("dataset", "orders");
        stream.put("subjectPath", "$.customer.id");
        stream.put("policy", Map.of("contact.email", "DETERMINISTIC", "*", "REDACT"));
        HttpResponse<String> created = api.post("/api/v1/streams?createTopics=true", stream);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertThat(engineer.get("/streams").body()).contains(name, "Pause");
        HttpResponse<String> paused = engineer.post("/streams/" + name + "/pause", Map.of());

        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body().strip()).startsWith("<tr").contains(name, "Resume", "paused");
        assertThat(CatalogHttp.body(api.get("/api/v1/streams/" + name))
                        .get("state")
                        .asString())
                .isEqualTo("PAUSED");
        HttpResponse<String> resumed = engineer.post("/streams/" + name + "/resume", Map.of());
        assertThat(resumed.body()).contains("Pause", "running");
        assertThat(CatalogHttp.body(api.get("/api/v1/streams/" + name))
                        .get("state")
                        .asString())
                .isEqualTo("RUNNING");

        assertThat(auditor.get("/streams").body()).contains(name).doesNotContain("hx-post");
        assertThat(auditor.post("/streams/" + name + "/pause", Map.of()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAuditorReadsEveryPageButMayPostToNone() {
        String path = register();
        engineer.post(path + "/discover", Map.of());
        UUID dataset = owner().select(DATASET.ID)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenant.id()))
                .and(DATASET.NAME.eq("public.customers"))
                .fetchSingle(DATASET.ID);
        UUID field = owner().select(DATA_FIELD.ID)
                .from(DATA_FIELD)
                .where(DATA_FIELD.DATASET_ID.eq(dataset))
                .limit(1)
                .fetchSingle(DATA_FIELD.ID);

        for (String page : List.of("/connections", path, "/data-map", "/data-map/datasets/" + dataset, "/streams")) {
            HttpResponse<String> read = auditor.get(page);
            assertThat(read.statusCode()).as(page).isEqualTo(200);
            assertThat(read.body())
                    .as(page)
                    .doesNotContain("Register a connection", "Test the connection", "Confirm ticked fields");
        }
        for (String form : List.of("/connections/new?type=postgresql", path + "/edit", path + "/delete")) {
            assertThat(auditor.get(form).statusCode()).as(form).isEqualTo(403);
        }
        Map<String, Map<String, String>> posts = new LinkedHashMap<>();
        posts.put("/connections", registration(UniqueNames.of("shop"), "shop"));
        posts.put(path + "/test", Map.of());
        posts.put(path + "/discover", Map.of());
        posts.put(path + "/edit", Map.of("name", "x", "system", "y", "version", "1"));
        posts.put(path + "/delete", Map.of("version", "1"));
        posts.put("/data-map/datasets/" + dataset + "/review", Map.of("field", field + ":1", "decision", "CONFIRM"));
        posts.put("/data-map/fields/" + field + "/identity", Map.of("identityType", "email", "version", "1"));
        posts.forEach((post, form) ->
                assertThat(auditor.post(post, form).statusCode()).as(post).isEqualTo(403));
        assertThat(statusCount(dataset, "CONFIRMED")).isZero();

        // The engineer removes the connection after confirming.
        assertThat(engineer.get(path + "/delete").body()).contains("Remove the connection");
        HttpResponse<String> removed = engineer.post(path + "/delete", Map.of("version", "1"));
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(engineer.get(path).statusCode()).isEqualTo(404);
    }

    private String register() {
        HttpResponse<String> registered =
                engineer.post("/connections", registration(UniqueNames.of("shop"), UniqueNames.of("shop-db")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        return registered.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    private Map<String, String> registration(String name, String system) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "postgresql");
        form.put("name", name);
        form.put("system", system);
        if (shop.registration(name, system).get("config") instanceof Map<?, ?> config) {
            config.forEach((setting, value) -> form.put("config." + setting, String.valueOf(value)));
        }
        return form;
    }

    private int statusCount(UUID dataset, String status) {
        return owner().fetchCount(DATA_FIELD, DATA_FIELD.DATASET_ID.eq(dataset).and(DATA_FIELD.STATUS.eq(status)));
    }

    /** The input or select element that posts {@code name}, or null. */
    private static String element(String html, String name) {
        Matcher matcher = Pattern.compile("<(input|select)[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>")
                .matcher(html);
        return matcher.find() ? matcher.group() : null;
    }

    /** The values of the check boxes named {@code name}. */
    private static List<String> values(String html, String name) {
        Matcher matcher = Pattern.compile("<input type=\"checkbox\" name=\"" + name + "\"[^>]*value=\"([^\"]+)\"")
                .matcher(html);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CatalogHttp.body(created).get("id").asString();
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role)));
        return secret;
    }
}
