package dev.lethe.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stored cross-site scripting (threat 2.11): markup in every value people and connected systems can
 * store and the pages show — a tenant's name, people's display names, an API key's name, a
 * connection's name and system, the table and column names a connected database reports, data flows,
 * processing activities, retention policies, legal holds, a request's corrections and note — stored
 * through the API, the pages and discovery, then every page read by every role that may read it. Each
 * page is parsed as a browser parses it: the values must be there as text, and no element, event
 * handler, {@code javascript:} link or evaluated template expression may come from them. Chromium then
 * opens the pages: nothing runs and the Content-Security-Policy is never violated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredMarkupIT extends AppIntegrationTest {

    /** Markup that would run, or add elements, if a page did not escape it; "xssEVAL" if evaluated. */
    private static final String MARKUP = "<script>alert('xss')</script>\"><img src=x onerror=alert('xss')>"
            + "'><svg onload=alert('xss')><xss-tag>[[${'xss'+'EVAL'}]]";

    /** The same in fewer characters, for names of at most 100. */
    private static final String SHORT_MARKUP = "\"><img src=x onerror=alert('xss')><xss-tag>[[${'xss'+'EVAL'}]]";

    /** A table and a column of the connected database: PostgreSQL names are at most 63 bytes. */
    private static final String TABLE = "<img src=x onerror=alert('xss')>";

    private static final String COLUMN = "\"><script>alert('xss')</script>";

    private static final Set<String> URL_ATTRIBUTES =
            Set.of("href", "src", "action", "formaction", "xlink:href", "hx-get", "hx-post", "data");

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private final Map<Role, WebClient> browsers = new LinkedHashMap<>();
    private final Map<String, String> stored = new LinkedHashMap<>();
    private final List<String> missing = new CopyOnWriteArrayList<>();
    private Tenant tenant;
    private People.Person browserAdmin;
    private String setUpPath;
    private String connectionPath;
    private String datasetPath;
    private String requestPath;

    @BeforeAll
    void aTenantFullOfMarkup() throws Exception {
        String slug = UniqueNames.of("markup");
        HttpResponse<String> created = new CatalogHttp(port, ADMIN_KEY)
                .post(
                        "/api/v1/tenants",
                        Map.of(
                                "slug",
                                slug,
                                "name",
                                value("tenant", "Tenant " + MARKUP),
                                "adminEmail",
                                "first@" + slug + ".example",
                                "adminName",
                                value("invited admin", "Ines " + MARKUP)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        setUpPath = URI.create(
                        CatalogHttp.body(created).get("admin").get("setupLink").asString())
                .getPath();
        tenant = tenants.findBySlug(slug).orElseThrow();

        People people = people();
        browsers.put(Role.ADMIN, signIn(people, "Ada", Role.ADMIN));
        browsers.put(Role.PRIVACY_OFFICER, signIn(people, "Olga", Role.PRIVACY_OFFICER));
        browsers.put(Role.ENGINEER, signIn(people, "Erin", Role.ENGINEER));
        browsers.put(Role.AUDITOR, signIn(people, "Aldo", Role.AUDITOR));
        browserAdmin = people.create(tenant, value("browser admin", "Bea " + MARKUP), Role.ADMIN);

        connectedSystem();
        catalog();
        retention();
        request();
        apiKey();
    }

    @Test
    void everyPageShowsStoredMarkupAsTextToEveryRoleThatReadsIt() {
        String policy = first("/retention/policies/([0-9a-f-]{36})/edit", page(Role.ADMIN, "/retention"));
        String hold = first("/retention/holds/([0-9a-f-]{36})/release", page(Role.ADMIN, "/retention"));
        List<String> paths = List.of(
                "/",
                "/dashboard",
                "/requests",
                requestPath,
                "/connections",
                connectionPath,
                connectionPath + "/edit",
                connectionPath + "/delete",
                "/data-map",
                datasetPath,
                "/streams",
                "/retention",
                "/retention/policies/" + policy + "/edit",
                "/retention/holds/" + hold + "/release",
                "/record-of-processing",
                "/audit",
                "/audit/access-report",
                "/admin/users",
                "/admin/api-keys",
                "/admin/security");

        int read = 0;
        for (var browser : browsers.entrySet()) {
            for (String path : paths) {
                HttpResponse<String> response = browser.getValue().get(path);
                String where = browser.getKey() + " " + path;
                assertThat(response.statusCode()).as(where).isIn(200, 403);
                if (response.statusCode() == 200) {
                    noMarkupFromData(where, response.body());
                    read++;
                }
            }
            // The live part of the request's page, as htmx swaps it in.
            HttpResponse<String> progress =
                    browser.getValue().get(requestPath + "/progress", Map.of("HX-Request", "true"));
            if (progress.statusCode() == 200) {
                noMarkupFromData(browser.getKey() + " progress fragment", progress.body());
            }
        }
        assertThat(read).as("pages read").isGreaterThan(2 * paths.size());

        shows(Role.ADMIN, "/", "Ada");
        shows(Role.PRIVACY_OFFICER, "/", "Olga");
        shows(Role.ENGINEER, "/connections", "Erin");
        shows(Role.AUDITOR, "/audit", "Aldo");
        shows(Role.ADMIN, "/admin/users", "Ada", "Olga", "Erin", "Aldo", "browser admin", "invited admin");
        shows(Role.ENGINEER, "/connections", "connection");
        shows(Role.AUDITOR, connectionPath, "connection");
        shows(Role.ENGINEER, datasetPath, "table", "column");
        shows(Role.AUDITOR, "/data-map", "flow", "recipient");
        shows(Role.ENGINEER, "/retention", "policy", "hold");
        shows(Role.AUDITOR, "/record-of-processing", "activity", "activity recipient");
        // The corrections are the subject's personal data: the page does not show their values.
        shows(Role.PRIVACY_OFFICER, requestPath, "note");
        assertThat(missing).as("values not shown where expected").isEmpty();
    }

    @Test
    void thePortalAndTheSetUpPageShowTheTenantAndThePersonAsText() {
        var visitor = new WebClient(port);
        HttpResponse<String> portal = visitor.get("/privacy/" + tenant.slug());
        HttpResponse<String> setUp = visitor.get(setUpPath);

        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(setUp.statusCode()).isEqualTo(200);
        noMarkupFromData("portal", portal.body());
        noMarkupFromData("set-up page", setUp.body());
        assertThat(shows(Jsoup.parse(portal.body()), stored.get("tenant")))
                .as("portal")
                .isTrue();
    }

    @Test
    void theRecordOfProcessingDownloadsCarryMarkupAsTextOnly() {
        WebClient auditor = browsers.get(Role.AUDITOR);
        HttpResponse<String> html = auditor.get("/record-of-processing.html");

        assertThat(html.statusCode()).isEqualTo(200);
        noMarkupFromData("record of processing (HTML)", html.body());
        Document document = Jsoup.parse(html.body());
        for (String label : List.of("activity", "activity recipient", "table")) {
            assertThat(shows(document, stored.get(label))).as(label).isTrue();
        }
        assertThat(html.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'"));

        for (String csv : List.of("/record-of-processing.csv", "/audit/access-report.csv")) {
            HttpResponse<String> download = auditor.get(csv);
            assertThat(download.statusCode()).as(csv).isEqualTo(200);
            // Never rendered as a page: a CSV type, and no sniffing it into HTML.
            assertThat(download.headers().firstValue("Content-Type"))
                    .as(csv)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
            assertThat(download.headers().firstValue("X-Content-Type-Options"))
                    .as(csv)
                    .hasValue("nosniff");
        }
    }

    @Test
    void inChromiumNoStoredMarkupRunsOrBreaksTheContentSecurityPolicy() {
        TestBrowser.assumeAvailable();
        List<String> dialogs = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        String base = "http://localhost:" + port;
        try (WatchedContext browser = TestBrowser.watchedContext()) {
            Page page = browser.newPage();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            page.onPageError(errors::add);
            People.signIn(page, port, browserAdmin);
            for (String path : List.of(
                    "/",
                    "/admin/users",
                    "/admin/api-keys",
                    "/connections",
                    connectionPath,
                    datasetPath,
                    "/data-map",
                    "/retention",
                    "/record-of-processing",
                    requestPath,
                    "/audit")) {
                page.navigate(base + path);
                assertThat(page.locator("xss-tag, img[src=x], svg[onload], [onerror], [onload]")
                                .count())
                        .as(path)
                        .isZero();
            }
            page.navigate(base + "/privacy/" + tenant.slug());
            TestBrowser.screenshot(page, "stored-markup-portal");
        }
        assertThat(dialogs).as("dialogs opened by stored markup").isEmpty();
        assertThat(errors).as("script errors").isEmpty();
    }

    /** A PostgreSQL shop with a table and a column named in markup, registered, discovered and confirmed. */
    private void connectedSystem() throws Exception {
        ShopDatabase shop = ShopDatabase.create();
        shop.execute("create table \"" + TABLE + "\" (id bigint primary key, \"" + COLUMN.replace("\"", "\"\"")
                + "\" text, email text, created_at timestamptz);"
                + "grant select, update, delete on all tables in schema public to " + shop.user());
        stored.put("table", TABLE);
        stored.put("column", COLUMN);

        // Through the engineer's pages, as a person registers and discovers it.
        WebClient engineer = browsers.get(Role.ENGINEER);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "postgresql");
        form.put("name", value("connection", "Shop " + MARKUP));
        form.put("system", value("system", "shop " + MARKUP));
        if (shop.registration("x", "y").get("config") instanceof Map<?, ?> config) {
            config.forEach((setting, v) -> form.put("config." + setting, String.valueOf(v)));
        }
        engineer.get("/connections/new?type=postgresql");
        HttpResponse<String> registered = engineer.post("/connections", form);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        connectionPath =
                registered.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        HttpResponse<String> discovered = engineer.post(connectionPath + "/discover", Map.of());
        assertThat(discovered.statusCode()).as(discovered.body()).isEqualTo(200);
        // The fragment htmx swaps into the connection's page.
        noMarkupFromData("discovery fragment", discovered.body());

        CatalogHttp api = new CatalogHttp(port, key(Role.ENGINEER));
        String dataset = datasetId();
        datasetPath = "/data-map/datasets/" + dataset;
        HttpResponse<String> review = api.post(
                "/api/v1/datasets/" + dataset + "/fields/review",
                CatalogHttp.etag(api.get("/api/v1/datasets/" + dataset)),
                Map.of("decision", "CONFIRM"));
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        stored.put("dataset", dataset);
    }

    private String datasetId() {
        return owner().fetchValue(
                        "select id::text from dataset where tenant_id = ? and name like ?", tenant.id(), "%" + TABLE)
                .toString();
    }

    /** A flow to an outside recipient and a processing activity, through the API. */
    private void catalog() {
        CatalogHttp engineer = new CatalogHttp(port, key(Role.ENGINEER));
        CatalogHttp officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        String systemId = CatalogHttp.body(engineer.get("/api/v1/datasets/" + stored.get("dataset")))
                .get("systemId")
                .asString();
        Map<String, Object> flow = new HashMap<>();
        flow.put("name", value("flow", "Orders " + MARKUP));
        flow.put("fromSystemId", systemId);
        flow.put("externalRecipient", value("recipient", "javascript:alert('xss')// " + MARKUP));
        flow.put("dataCategories", List.of("contact.email"));
        HttpResponse<String> flowCreated = engineer.post("/api/v1/data-flows", flow);
        assertThat(flowCreated.statusCode()).as(flowCreated.body()).isEqualTo(201);

        Map<String, Object> activity = new HashMap<>();
        activity.put("name", value("activity", "Fulfilment " + MARKUP));
        activity.put("description", "Described " + MARKUP);
        activity.put("purpose", "service_delivery");
        activity.put("subjectCategories", List.of("customer"));
        activity.put("dataCategories", List.of("contact.email"));
        activity.put("recipients", List.of(value("activity recipient", "Carrier " + MARKUP)));
        activity.put("systemIds", List.of(systemId));
        HttpResponse<String> activityCreated = officer.post("/api/v1/processing-activities", activity);
        assertThat(activityCreated.statusCode()).as(activityCreated.body()).isEqualTo(201);
    }

    /** A policy and a legal hold on the markup table, through the officer's pages. */
    private void retention() {
        WebClient officer = browsers.get(Role.PRIVACY_OFFICER);
        officer.get("/retention/policies/new");
        Map<String, String> policy = new LinkedHashMap<>();
        policy.put("name", value("policy", "Policy " + MARKUP));
        policy.put("target", "dataset:" + stored.get("dataset"));
        policy.put("period", "P30D");
        policy.put("clockKind", "FIELD");
        policy.put("clock", "created_at");
        policy.put("action", "DELETE");
        policy.put("anonymizeWith", "NULL");
        policy.put("legalBasis", "");
        policy.put("enabled", "on");
        HttpResponse<String> saved = officer.post("/retention/policies", policy);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        officer.get("/retention");
        HttpResponse<String> held = officer.post(
                "/retention/holds",
                Map.of("scope", "dataset:" + stored.get("dataset"), "reason", value("hold", "Case " + MARKUP)));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(302);
    }

    /** A rectification entered by the officer, with corrections and a note in markup. */
    private void request() {
        WebClient officer = browsers.get(Role.PRIVACY_OFFICER);
        officer.get("/requests/new");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "RECTIFICATION");
        fields.put("email", "subject@example.org");
        fields.put("phone", "");
        fields.put("channel", "EMAIL");
        fields.put("regulation", "GDPR");
        fields.put("corrections", "full_name = " + value("correction", "Corrected " + MARKUP));
        fields.put("note", value("note", "Noted " + MARKUP));
        HttpResponse<String> filed = officer.post("/requests/new", fields);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String location = filed.headers().firstValue("Location").orElseThrow();
        requestPath = location.substring(location.indexOf("/requests/")).replaceFirst("\\?.*$", "");
    }

    /** An API key named in markup, through the admin's page. */
    private void apiKey() {
        WebClient admin = browsers.get(Role.ADMIN);
        admin.get("/admin/api-keys");
        HttpResponse<String> created = admin.post(
                "/admin/api-keys",
                Map.of("name", value("api key", "Key " + SHORT_MARKUP), "roles", "AUDITOR", "scopes", "read"));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 302);
    }

    private WebClient signIn(People people, String name, Role role) {
        return People.signIn(port, people.create(tenant, value(name, name + " " + MARKUP), role));
    }

    private String value(String label, String value) {
        stored.put(label, value);
        return value;
    }

    private String page(Role role, String path) {
        HttpResponse<String> response = browsers.get(role).get(path);
        assertThat(response.statusCode()).as(role + " " + path).isEqualTo(200);
        return response.body();
    }

    /** The page, read as the role, shows each labelled stored value as text (or an attribute's value). */
    private void shows(Role role, String path, String... labels) {
        Document document = Jsoup.parse(page(role, path));
        for (String label : labels) {
            if (!shows(document, stored.get(label))) {
                missing.add(role + " " + path + " shows the " + label + " as text");
            }
        }
    }

    private static boolean shows(Document document, String value) {
        String text = value.replaceAll("\\s+", " ").strip();
        if (document.text().contains(text)) {
            return true;
        }
        return document.getAllElements().stream()
                .flatMap(element -> element.attributes().asList().stream())
                .anyMatch(attribute -> attribute.getValue().contains(value));
    }

    /** Parses the page as a browser would and fails on anything the stored markup could have made. */
    private static void noMarkupFromData(String where, String html) {
        Document document = Jsoup.parse(html);
        assertThat(document.select("xss-tag, img[src=x], svg[onload]"))
                .as(where + ": elements from stored markup")
                .isEmpty();
        for (Element script : document.select("script")) {
            assertThat(script.data())
                    .as(where + ": a script from stored markup")
                    .doesNotContain("xss");
        }
        for (Element element : document.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertThat(name)
                        .as(where + ": an event handler on <" + element.tagName() + ">")
                        .doesNotStartWith("on");
                if (URL_ATTRIBUTES.contains(name)) {
                    assertThat(attribute.getValue().strip().toLowerCase(Locale.ROOT))
                            .as(where + ": a javascript: URL in " + name)
                            .doesNotStartWith("javascript:");
                }
            }
        }
        assertThat(html)
                .as(where + ": a template expression in a stored value was evaluated")
                .doesNotContain("xssEVAL");
    }

    private static String first(String pattern, String html) {
        Matcher matcher = Pattern.compile(pattern).matcher(html);
        assertThat(matcher.find()).as(pattern).isTrue();
        return matcher.group(1);
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role)));
        return secret;
    }
}
