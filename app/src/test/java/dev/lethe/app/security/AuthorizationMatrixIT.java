package dev.lethe.app.security;

import static dev.lethe.app.security.AuthorizationMatrixIT.Expect.ALLOWED;
import static dev.lethe.app.security.AuthorizationMatrixIT.Expect.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/**
 * Every API endpoint × every kind of caller → the expected outcome: allowed (neither 401 nor 403,
 * whatever the body makes of it), refused (403), or, without a key, 401. Roles and scopes both
 * apply. The keys live in a tenant of their own; the KEK rows use keys of the default tenant,
 * because only its ADMIN keys manage the KEK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT extends AppIntegrationTest {

    enum Expect {
        ALLOWED,
        REFUSED
    }

    /** The kinds of caller: a key per role with every scope, and ADMIN keys with fewer scopes. */
    enum Caller {
        ADMIN(Role.ADMIN, Scope.all()),
        PRIVACY_OFFICER(Role.PRIVACY_OFFICER, Scope.all()),
        ENGINEER(Role.ENGINEER, Scope.all()),
        AUDITOR(Role.AUDITOR, Scope.all()),
        /** An ADMIN key scoped to read: reads what ADMIN reads, writes nothing. */
        ADMIN_READ_ONLY(Role.ADMIN, Set.of(Scope.READ)),
        /** An ADMIN key without the admin scope: everything but the platform operations. */
        ADMIN_READ_WRITE(Role.ADMIN, Set.of(Scope.READ, Scope.WRITE));

        final Role role;
        final Set<Scope> scopes;

        Caller(Role role, Set<Scope> scopes) {
            this.role = role;
            this.scopes = scopes;
        }
    }

    /** One line of the matrix: a request, whose keys it uses, and the outcome per {@link Caller}. */
    record Row(String method, String path, String body, boolean platform, Expect... expected) {

        Row {
            assertThat(expected).hasSize(Caller.values().length);
        }
    }

    private static final String ID = "/" + UUID.randomUUID();
    static final String TOKEN = "<token>";
    private static final String EMPTY = "{}";
    static final String TOKENIZE =
            "{\"subject\":\"matrix-1\",\"category\":\"contact.email\",\"kind\":\"DETERMINISTIC\",\"value\":\"a@example.com\"}";
    private static final String DETOKENIZE = "{\"token\":\"" + TOKEN + "\",\"purpose\":\"authz-matrix\"}";
    private static final String DETOKENIZE_BATCH =
            "{\"purpose\":\"authz-matrix\",\"tokens\":[{\"token\":\"" + TOKEN + "\"}]}";
    private static final String SHRED = "{\"subject\":\"matrix-shredded\"}";

    /*
     * The expected outcome per caller, in the order of Caller: ADMIN, PRIVACY_OFFICER, ENGINEER,
     * AUDITOR, ADMIN_READ_ONLY, ADMIN_READ_WRITE. Y = allowed, N = refused (403). Every row is also
     * called without a key, which must give 401.
     */
    static final Row[] MATRIX = {
        // Data map: every key reads; ENGINEER, PRIVACY_OFFICER and ADMIN write.
        tenant("YYYYYY", "GET", "/api/v1/systems", null),
        tenant("YYYYYY", "GET", "/api/v1/systems" + ID, null),
        tenant("YYYNNY", "POST", "/api/v1/systems", EMPTY),
        tenant("YYYNNY", "PUT", "/api/v1/systems" + ID, EMPTY),
        tenant("YYYNNY", "DELETE", "/api/v1/systems" + ID, null),
        tenant("YYYYYY", "GET", "/api/v1/datasets", null),
        tenant("YYYYYY", "GET", "/api/v1/datasets" + ID, null),
        tenant("YYYNNY", "POST", "/api/v1/datasets", EMPTY),
        tenant("YYYNNY", "PUT", "/api/v1/datasets" + ID, EMPTY),
        tenant("YYYNNY", "DELETE", "/api/v1/datasets" + ID, null),
        tenant("YYYYYY", "GET", "/api/v1/fields", null),
        tenant("YYYYYY", "GET", "/api/v1/fields" + ID, null),
        tenant("YYYNNY", "POST", "/api/v1/fields", EMPTY),
        tenant("YYYNNY", "PUT", "/api/v1/fields" + ID, EMPTY),
        tenant("YYYNNY", "POST", "/api/v1/fields" + ID + "/confirm", null),
        tenant("YYYNNY", "POST", "/api/v1/fields" + ID + "/reject", null),
        tenant("YYYNNY", "DELETE", "/api/v1/fields" + ID, null),
        tenant("YYYYYY", "GET", "/api/v1/data-flows", null),
        tenant("YYYYYY", "GET", "/api/v1/data-flows" + ID, null),
        tenant("YYYNNY", "POST", "/api/v1/data-flows", EMPTY),
        tenant("YYYNNY", "PUT", "/api/v1/data-flows" + ID, EMPTY),
        tenant("YYYNNY", "DELETE", "/api/v1/data-flows" + ID, null),
        // Privacy decisions: every key reads; PRIVACY_OFFICER and ADMIN write.
        tenant("YYYYYY", "GET", "/api/v1/categories", null),
        tenant("YYYYYY", "GET", "/api/v1/categories/contact.email", null),
        tenant("YYNNNY", "POST", "/api/v1/categories", EMPTY),
        tenant("YYNNNY", "PUT", "/api/v1/categories/matrix.code", EMPTY),
        tenant("YYNNNY", "DELETE", "/api/v1/categories/matrix.code", null),
        tenant("YYYYYY", "GET", "/api/v1/subject-categories", null),
        tenant("YYNNNY", "POST", "/api/v1/subject-categories", EMPTY),
        tenant("YYNNNY", "PUT", "/api/v1/subject-categories/matrix", EMPTY),
        tenant("YYNNNY", "DELETE", "/api/v1/subject-categories/matrix", null),
        tenant("YYYYYY", "GET", "/api/v1/purposes", null),
        tenant("YYNNNY", "POST", "/api/v1/purposes", EMPTY),
        tenant("YYNNNY", "PUT", "/api/v1/purposes/matrix", EMPTY),
        tenant("YYNNNY", "DELETE", "/api/v1/purposes/matrix", null),
        tenant("YYYYYY", "GET", "/api/v1/processing-activities", null),
        tenant("YYYYYY", "GET", "/api/v1/processing-activities" + ID, null),
        tenant("YYNNNY", "POST", "/api/v1/processing-activities", EMPTY),
        tenant("YYNNNY", "PUT", "/api/v1/processing-activities" + ID, EMPTY),
        tenant("YYNNNY", "DELETE", "/api/v1/processing-activities" + ID, null),
        tenant("YYYYYY", "GET", "/api/v1/retention-policies", null),
        tenant("YYYYYY", "GET", "/api/v1/retention-policies" + ID, null),
        tenant("YYNNNY", "POST", "/api/v1/retention-policies", EMPTY),
        tenant("YYNNNY", "PUT", "/api/v1/retention-policies" + ID, EMPTY),
        tenant("YYNNNY", "DELETE", "/api/v1/retention-policies" + ID, null),
        tenant("YYYYYY", "GET", "/api/v1/legal-holds", null),
        tenant("YYYYYY", "GET", "/api/v1/legal-holds" + ID, null),
        tenant("YYNNNY", "POST", "/api/v1/legal-holds", EMPTY),
        tenant("YYNNNY", "PUT", "/api/v1/legal-holds" + ID, EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/legal-holds" + ID + "/release", null),
        tenant("YYYYYY", "GET", "/api/v1/erasure-rules", null),
        tenant("YYYYYY", "GET", "/api/v1/erasure-rules" + ID, null),
        tenant("YYNNNY", "POST", "/api/v1/erasure-rules", EMPTY),
        tenant("YYNNNY", "PUT", "/api/v1/erasure-rules" + ID, EMPTY),
        tenant("YYNNNY", "DELETE", "/api/v1/erasure-rules" + ID, null),
        // The record of processing: every key of the tenant.
        tenant("YYYYYY", "GET", "/api/v1/catalog/record-of-processing", null),
        tenant("YYYYYY", "GET", "/api/v1/ropa?format=csv", null),
        tenant("YYYYYY", "GET", "/api/v1/catalog/search?q=phone", null),
        tenant("YYNNNY", "POST", "/api/v1/catalog/search/rebuild", null),
        // The audit trail: AUDITOR, PRIVACY_OFFICER, ADMIN.
        tenant("YYNYYY", "GET", "/api/v1/audit", null),
        tenant("YYNYYY", "GET", "/api/v1/audit/verify", null),
        // The access-to-personal-data report: the same readers as the audit trail.
        tenant("YYNYYY", "GET", "/api/v1/reports/personal-data-access", null),
        // The vault: ENGINEER tokenizes, PRIVACY_OFFICER reads back and shreds; all of it is writing.
        tenant("YNYNNY", "POST", "/api/v1/vault/tokenize", TOKENIZE),
        tenant("YNYNNY", "POST", "/api/v1/vault/tokenize/batch", "{\"items\":[" + TOKENIZE + "]}"),
        tenant("YYNNNY", "POST", "/api/v1/vault/detokenize", DETOKENIZE),
        tenant("YYNNNY", "POST", "/api/v1/vault/detokenize/batch", DETOKENIZE_BATCH),
        tenant("YYNNNY", "POST", "/api/v1/vault/shred", SHRED),
        // The KEK: an ADMIN key of the default tenant with the admin scope, and nobody else.
        // Connections: every key reads; ENGINEER, PRIVACY_OFFICER and ADMIN register, test, discover and
        // review; PRIVACY_OFFICER and ADMIN locate a subject.
        tenant("YYYYYY", "GET", "/api/v1/connector-types", null),
        tenant("YYYYYY", "GET", "/api/v1/connections", null),
        tenant("YYYYYY", "GET", "/api/v1/connections" + ID, null),
        tenant("YYYNNY", "POST", "/api/v1/connections", EMPTY),
        tenant("YYYNNY", "PUT", "/api/v1/connections" + ID, EMPTY),
        tenant("YYYNNY", "DELETE", "/api/v1/connections" + ID, null),
        tenant("YYYNNY", "POST", "/api/v1/connections" + ID + "/test", null),
        tenant("YYYNNY", "POST", "/api/v1/connections" + ID + "/discover", null),
        tenant("YYNNNY", "POST", "/api/v1/connections" + ID + "/approval", null),
        tenant(
                "YYNNNY",
                "POST",
                "/api/v1/connections" + ID + "/locate",
                "{\"identities\":{\"email\":\"a@example.com\"}}"),
        tenant("YYYNNY", "POST", "/api/v1/datasets" + ID + "/fields/review", "{\"decision\":\"CONFIRM\"}"),
        tenant("YYYYYY", "GET", "/api/v1/datasets" + ID + "/references", null),
        tenant("YYYNNY", "POST", "/api/v1/datasets" + ID + "/references", EMPTY),
        tenant("YYYNNY", "DELETE", "/api/v1/datasets" + ID + "/references" + ID, null),
        tenant("YYYNNY", "PUT", "/api/v1/fields" + ID + "/identity", EMPTY),
        // Manual tasks: every key lists them; PRIVACY_OFFICER and ADMIN complete them. (A service's
        // callback carries its one-time token instead of a key: see callbacksTakeTheirTokenNotAKey.)
        tenant("YYYYYY", "GET", "/api/v1/manual-tasks", null),
        tenant("YYYYYY", "GET", "/api/v1/manual-tasks?status=completed", null),
        tenant("YYNNNY", "POST", "/api/v1/manual-tasks" + ID + "/complete", "{\"note\":\"done\"}"),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/tasks" + ID + "/complete", "{\"note\":\"done\"}"),
        // Streams: every key reads; ENGINEER, PRIVACY_OFFICER and ADMIN register and run them.
        tenant("YYYYYY", "GET", "/api/v1/streams", null),
        tenant("YYYYYY", "GET", "/api/v1/streams/matrix", null),
        tenant("YYYYYY", "GET", "/api/v1/streams/matrix/status", null),
        tenant("YYYNNY", "POST", "/api/v1/streams", EMPTY),
        tenant("YYYNNY", "PUT", "/api/v1/streams/matrix", EMPTY),
        tenant("YYYNNY", "POST", "/api/v1/streams/matrix/pause", null),
        tenant("YYYNNY", "POST", "/api/v1/streams/matrix/resume", null),
        tenant("YYYNNY", "DELETE", "/api/v1/streams/matrix", null),
        // The subject locator: PRIVACY_OFFICER and ADMIN (a write scope: the subject travels in a body).
        tenant("YYNNNY", "POST", "/api/v1/locator/search", "{\"subject\":\"matrix-1\"}"),
        // Packages and receipts: PRIVACY_OFFICER and ADMIN download a package and issue its links; AUDITOR
        // reads receipts too. (A link carries its token instead of a key: see packageLinksTakeTheirTokenNotAKey.)
        tenant("YYNNYY", "GET", "/api/v1/requests" + ID + "/package", null),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/package/link", null),
        tenant("YYNYYY", "GET", "/api/v1/requests" + ID + "/receipt", null),
        tenant("YYNYYY", "GET", "/api/v1/requests" + ID + "/receipt/public-key", null),
        // Data-subject requests: PRIVACY_OFFICER and ADMIN file and decide; AUDITOR reads too.
        tenant("YYNYYY", "GET", "/api/v1/requests", null),
        tenant("YYNYYY", "GET", "/api/v1/requests" + ID, null),
        tenant("YYNNNY", "POST", "/api/v1/requests", EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/approve", EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/deny", EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/extend", EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/cancel", EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/hold", EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/release", null),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/systems" + ID + "/retry", null),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/systems" + ID + "/skip", EMPTY),
        tenant("YYNNNY", "POST", "/api/v1/requests" + ID + "/recipients" + ID + "/waive", EMPTY),
        // Purpose checks (Art. 21): processing systems (ENGINEER keys), PRIVACY_OFFICER and ADMIN ask; a write
        // scope, because the subject travels in the body.
        tenant("YYYNNY", "POST", "/api/v1/purpose-checks", "{\"identities\":{\"email\":\"m@example.org\"}}"),
        // Retention runs: PRIVACY_OFFICER and ADMIN run them and set the schedule; AUDITOR reads and previews
        // (a POST, so not with a read-only key). An unknown policy to run: 400 for those allowed.
        tenant("YYNYYY", "GET", "/api/v1/retention/runs", null),
        tenant("YYNYYY", "GET", "/api/v1/retention/runs" + ID, null),
        tenant("YYNNNY", "POST", "/api/v1/retention/runs", "{\"policyIds\":[\"" + UUID.randomUUID() + "\"]}"),
        tenant("YYNYNY", "POST", "/api/v1/retention-policies" + ID + "/preview", null),
        tenant("YYNYYY", "GET", "/api/v1/retention/schedule", null),
        tenant("YYNNNY", "PUT", "/api/v1/retention/schedule", EMPTY),
        // A tenant's portal limits: ADMIN only (an unknown tenant's slug: 404 for those allowed).
        tenant("YNNNYY", "GET", "/api/v1/portal/limits/no-such-tenant", null),
        tenant("YNNNNY", "PUT", "/api/v1/portal/limits/no-such-tenant", EMPTY),
        tenant("YNNNNY", "DELETE", "/api/v1/portal/limits/no-such-tenant", null),
        // People's accounts: ADMIN only (reading with the read scope, inviting and changing with write).
        tenant("YNNNYY", "GET", "/api/v1/users", null),
        tenant("YNNNYY", "GET", "/api/v1/users" + ID, null),
        tenant("YNNNNY", "POST", "/api/v1/users", EMPTY),
        tenant("YNNNNY", "PUT", "/api/v1/users" + ID, EMPTY),
        tenant("YNNNNY", "POST", "/api/v1/users" + ID + "/password-reset", null),
        // API keys: ADMIN only (listing with the read scope, making and revoking with write).
        tenant("YNNNYY", "GET", "/api/v1/api-keys", null),
        tenant("YNNNNY", "POST", "/api/v1/api-keys", EMPTY),
        tenant("YNNNNY", "DELETE", "/api/v1/api-keys" + ID, null),
        // Tenants: the platform administrator only (an ADMIN key of the default tenant with the admin scope).
        platform("YNNNNN", "GET", "/api/v1/tenants", null),
        platform("YNNNNN", "GET", "/api/v1/tenants" + ID, null),
        platform("YNNNNN", "POST", "/api/v1/tenants", EMPTY),
        tenant("NNNNNN", "GET", "/api/v1/tenants", null),
        tenant("NNNNNN", "GET", "/api/v1/tenants" + ID, null),
        tenant("NNNNNN", "POST", "/api/v1/tenants", EMPTY),
        platform("YNNNNN", "GET", "/api/v1/vault/kek", null),
        platform("YNNNNN", "POST", "/api/v1/vault/kek/rotate", null),
        tenant("NNNNNN", "GET", "/api/v1/vault/kek", null),
        tenant("NNNNNN", "POST", "/api/v1/vault/kek/rotate", null),
    };

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private final Map<Caller, String> tenantKeys = new EnumMap<>(Caller.class);
    private final Map<Caller, String> platformKeys = new EnumMap<>(Caller.class);
    private String token;

    @BeforeAll
    void keysOfEveryKind() {
        Tenant tenant = tenants.create(UniqueNames.of("authz"), "Authorization matrix test");
        for (Caller caller : Caller.values()) {
            tenantKeys.put(caller, key(tenant.id(), caller));
            platformKeys.put(caller, key(Tenant.DEFAULT_ID, caller));
        }
        HttpResponse<String> tokenized =
                send("POST", "/api/v1/vault/tokenize", TOKENIZE, tenantKeys.get(Caller.ENGINEER));
        assertThat(tokenized.statusCode()).isEqualTo(200);
        token = JSON.readTree(tokenized.body()).get("token").asString();
    }

    static Stream<Arguments> matrix() {
        return Arrays.stream(MATRIX)
                .flatMap(row -> Stream.concat(
                        Arrays.stream(Caller.values())
                                .map(caller -> Arguments.of(
                                        row.method(),
                                        row.path(),
                                        caller.name(),
                                        row.expected()[caller.ordinal()],
                                        row)),
                        Stream.of(Arguments.of(row.method(), row.path(), "no key", null, row))));
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheMatrixSays(String method, String path, String callerName, Expect expected, Row row) {
        String key =
                expected == null ? null : (row.platform() ? platformKeys : tenantKeys).get(Caller.valueOf(callerName));
        String body = row.body() == null ? null : row.body().replace(TOKEN, token);

        HttpResponse<String> response = send(method, path, body, key);

        String what = method + " " + path + " as " + callerName + " answered " + response.statusCode() + " "
                + response.body();
        if (expected == null) {
            assertThat(response.statusCode()).as(what).isEqualTo(401);
        } else if (expected == ALLOWED) {
            assertThat(response.statusCode()).as(what).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
        }
    }

    /**
     * {@code POST /api/v1/callbacks/{token}}: the token is the credential, so no key is needed and none
     * gives more; an unknown token is 404 for every caller, never 401 or 403.
     */
    @ParameterizedTest(name = "callback as {0}")
    @MethodSource("callers")
    void callbacksTakeTheirTokenNotAKey(String callerName) {
        String key = callerName.equals("no key") ? null : tenantKeys.get(Caller.valueOf(callerName));

        HttpResponse<String> response = send("POST", "/api/v1/callbacks/" + "A".repeat(43), "{\"datasets\":[]}", key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }

    /**
     * {@code GET /api/v1/packages/{token}}: the link's token is the credential, so no key is needed and
     * none gives more; an unknown token is 404 for every caller, never 401 or 403.
     */
    @ParameterizedTest(name = "package link as {0}")
    @MethodSource("callers")
    void packageLinksTakeTheirTokenNotAKey(String callerName) {
        String key = callerName.equals("no key") ? null : tenantKeys.get(Caller.valueOf(callerName));

        HttpResponse<String> response = send("GET", "/api/v1/packages/" + "A".repeat(43), null, key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }

    static Stream<String> callers() {
        return Stream.concat(Arrays.stream(Caller.values()).map(Caller::name), Stream.of("no key"));
    }

    /** A request with the keys of the test's own tenant. */
    private static Row tenant(String expected, String method, String path, String body) {
        return new Row(method, path, body, false, expectations(expected));
    }

    /** A request with the keys of the default tenant, the platform's. */
    private static Row platform(String expected, String method, String path, String body) {
        return new Row(method, path, body, true, expectations(expected));
    }

    private static Expect[] expectations(String yesNo) {
        return yesNo.chars().mapToObj(c -> c == 'Y' ? ALLOWED : REFUSED).toArray(Expect[]::new);
    }

    private String key(UUID tenantId, Caller caller) {
        String secret = "authz-" + randomHex(20);
        String name = UniqueNames.of("authz-" + caller.name().toLowerCase().replace('_', '-'));
        as(tenantId, () -> apiKeys.ensure(tenantId, name, secret, Set.of(caller.role), caller.scopes));
        return secret;
    }

    private HttpResponse<String> send(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
