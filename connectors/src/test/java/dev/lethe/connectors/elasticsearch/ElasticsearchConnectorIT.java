package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.connectors.spi.Reference;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.infra.testing.LocalServicesExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Elasticsearch connector against seeded shop indices on the real Elasticsearch. */
@ExtendWith(LocalServicesExtension.class)
class ElasticsearchConnectorIT {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final OperationContext CONTEXT = OperationContext.of(UUID.randomUUID(), "es-1");

    private static TestCluster cluster;

    @BeforeAll
    static void seedShop() {
        cluster = TestCluster.create("shop");
        ShopIndices.seed(cluster, 300);
        // A ticket that only mentions customer 7's address: a phrase query finds it, the exact check must not.
        cluster.bulk("tickets", Map.of("t-cc", """
                {"id": 9999, "customer_id": 9999, "contact_email": "cc customer7@example.org",
                 "body": "forwarded"}"""));
    }

    /** The shop as the catalog would describe it: identities in customers and tickets, orders by reference. */
    private static SubjectMap shop() {
        return new SubjectMap(
                Map.of(
                        cluster.index("customers"),
                        Map.of("email", "email", "id", "customer_id"),
                        cluster.index("tickets"),
                        Map.of("contact_email", "email")),
                List.of(new Reference(
                        cluster.index("orders"), List.of("customer_id"), cluster.index("customers"), List.of("id"))));
    }

    @Test
    void aReachableClusterPassesEveryCheckAndSaysWhenSecurityIsOff() {
        try (Connector connector = open(Map.of(), cluster.guard())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.checks())
                    .extracting(TestResult.Check::name)
                    .containsExactly("address allowed", "connect and sign in", "indices readable", "privileges");
            assertThat(result.passed()).as(result.toString()).isTrue();
            assertThat(result.checks().get(2).message()).isEqualTo("3 index(es) match " + cluster.prefix() + "-*");
            // The embedded test cluster runs without security: the test says so instead of checking privileges.
            assertThat(result.checks().get(3).message()).startsWith("security is not enabled on this cluster");
        }
    }

    @Test
    void aPortWhereNothingListensFailsTheConnectionCheck() {
        String nowhere = "http://127.0.0.1:" + freePort();
        var guard = OutboundGuard.fromSetting("127.0.0.1");
        try (Connector connector = open(Map.of("url", nowhere, "password", "hunter2", "username", "lethe"), guard)) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().name()).isEqualTo("connect and sign in");
            assertThat(result.checks().getLast().message())
                    .contains("cannot be reached")
                    .doesNotContain("hunter2");
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        // The redirect points at the real cluster: following it would pass the check.
        HttpServer redirecting = loopbackServer(exchange -> {
            exchange.getResponseHeaders().add("Location", cluster.url() + "/_security/_authenticate");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        try (Connector connector = open(
                Map.of("url", "http://127.0.0.1:" + redirecting.getAddress().getPort()),
                OutboundGuard.fromSetting("127.0.0.1"))) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().message()).contains("redirect, which Lethe does not follow");
        } finally {
            redirecting.stop(0);
        }
    }

    @Test
    void aClusterThatDoesNotAnswerWithinTheRequestTimeoutIsARetriableError() throws IOException {
        HttpServer silent = loopbackServer(exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try (Connector connector = open(
                Map.of(
                        "url",
                        "http://127.0.0.1:" + silent.getAddress().getPort(),
                        "request-timeout-seconds",
                        "1",
                        "api-key",
                        "c2VjcmV0LWtleQ=="),
                OutboundGuard.fromSetting("127.0.0.1"))) {
            assertThatThrownBy(() -> ((Discovering) connector).discover(CONTEXT, 10))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isTrue())
                    .hasMessageNotContaining("c2VjcmV0LWtleQ==");
        } finally {
            silent.stop(0);
        }
    }

    @Test
    void patternsThatMatchNoIndexFailTheIndicesCheck() {
        try (Connector connector = open(Map.of("index-patterns", cluster.prefix() + "-nothing-*"), cluster.guard())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().get(2).message()).startsWith("no open index matches");
        }
    }

    @Test
    void theLoopbackClusterIsRefusedUntilAnAdministratorAllowsIt() {
        try (Connector connector = open(Map.of(), new OutboundGuard(List.of()))) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks())
                    .singleElement()
                    .satisfies(check -> assertThat(check.message())
                            .contains("loopback")
                            .contains("lethe.connectors.allowed-targets"));
            assertThatThrownBy(() -> ((Discovering) connector).discover(CONTEXT, 10))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("loopback");
        }
    }

    @Test
    void discoveryFindsIndicesFieldPathsCategoriesAndIdentities() {
        Discovery discovery;
        try (Connector connector = open(Map.of(), cluster.guard())) {
            discovery = ((Discovering) connector).discover(CONTEXT, 50);
        }

        assertThat(discovery.datasets())
                .extracting(Discovery.Dataset::name)
                .containsExactly(cluster.index("customers"), cluster.index("orders"), cluster.index("tickets"));
        assertThat(discovery.datasets())
                .allSatisfy(dataset -> assertThat(dataset.kind()).isEqualTo("INDEX"));
        assertThat(discovery.references()).isEmpty();
        Map<String, Discovery.Field> customers = fields(discovery, cluster.index("customers"));
        assertThat(customers)
                .containsOnlyKeys("id", "email", "full_name", "phone", "address.city", "address.street", "created_at");
        assertThat(customers.get("email").categories()).containsExactly("contact.email");
        assertThat(customers.get("email").suggestedIdentity()).isEqualTo("email");
        assertThat(customers.get("email").sampled()).isEqualTo(50);
        assertThat(customers.get("email").dataType()).isEqualTo("keyword");
        assertThat(customers.get("phone").categories()).containsExactly("contact.phone");
        assertThat(customers.get("phone").suggestedIdentity()).isEqualTo("phone");
        assertThat(customers.get("id").suggestedIdentity()).isEqualTo("customer_id");
        assertThat(customers.get("id").dataType()).isEqualTo("long");
        assertThat(customers.get("full_name").dataType()).isEqualTo("text");
        Map<String, Discovery.Field> tickets = fields(discovery, cluster.index("tickets"));
        assertThat(tickets.get("contact_email").suggestedIdentity()).isEqualTo("email");
        assertThat(tickets.get("id").suggestedIdentity()).isNull();
        assertThat(fields(discovery, cluster.index("orders")).get("total").categories())
                .isEmpty();
    }

    @Test
    void aDiscoveryAskedToStopEndsBeforeTheNextIndex() {
        var checks = new AtomicInteger();
        var context = new OperationContext(UUID.randomUUID(), "discovery-2", () -> checks.incrementAndGet() > 1);

        try (Connector connector = open(Map.of(), cluster.guard())) {
            assertThatThrownBy(() -> ((Discovering) connector).discover(context, 10))
                    .isInstanceOf(OperationStoppedException.class);
        }
        assertThat(checks.get()).isEqualTo(2);
    }

    @Test
    void locateCountsTheSubjectsDocumentsAlongTheReferenceAndChecksPhraseMatchesExactly() {
        try (Connector connector = open(Map.of(), cluster.guard())) {
            var counts =
                    ((Locating) connector).locate(CONTEXT, Identities.of("email", "customer7@example.org"), shop());

            assertThat(counts)
                    .containsExactlyInAnyOrder(
                            new Locating.DatasetCount(cluster.index("customers"), 1),
                            new Locating.DatasetCount(cluster.index("orders"), 2),
                            new Locating.DatasetCount(cluster.index("tickets"), 1));
        }
    }

    @Test
    void anyOfTheSubjectsIdentitiesFindsThemAndAnUnknownSubjectHasNothing() {
        try (Connector connector = open(Map.of(), cluster.guard())) {
            var byId = ((Locating) connector).locate(CONTEXT, Identities.of("customer_id", "7"), shop());
            var nobody = ((Locating) connector).locate(CONTEXT, Identities.of("email", "nobody@example.org"), shop());

            assertThat(byId)
                    .contains(
                            new Locating.DatasetCount(cluster.index("orders"), 2),
                            new Locating.DatasetCount(cluster.index("tickets"), 0));
            assertThat(nobody).extracting(Locating.DatasetCount::records).containsOnly(0L);
        }
    }

    @Test
    void accessStreamsEveryDocumentOfTheSubjectAsFlatRecords() {
        List<String> datasets = new ArrayList<>();
        List<Map<String, Object>> customers = new ArrayList<>();
        try (Connector connector = open(Map.of(), cluster.guard())) {
            ((Accessing) connector)
                    .access(CONTEXT, Identities.of("email", "customer7@example.org"), shop(), (dataset, record) -> {
                        datasets.add(dataset);
                        if (dataset.equals(cluster.index("customers"))) {
                            customers.add(record);
                        }
                    });
        }

        assertThat(datasets).hasSize(4);
        assertThat(customers)
                .singleElement()
                .satisfies(customer -> assertThat(customer)
                        .containsEntry("_index", cluster.index("customers"))
                        .containsEntry("_id", "c7")
                        .containsEntry("email", "customer7@example.org")
                        .containsEntry("id", 7)
                        .containsEntry("address.city", "Berlin"));
    }

    @Test
    void aFieldOrIndexTheClusterDoesNotHaveIsRefusedBeforeAnyQueryIsBuilt() {
        var forgedField =
                new SubjectMap(Map.of(cluster.index("customers"), Map.of("email\": 1} ", "email")), List.of());
        var outsideThePatterns = new SubjectMap(Map.of("lethe-locator-x", Map.of("email", "email")), List.of());
        Identities subject = Identities.of("email", "x@example.org");

        try (Connector connector = open(Map.of(), cluster.guard())) {
            assertThatThrownBy(() -> ((Locating) connector).locate(CONTEXT, subject, forgedField))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("is not a field of " + cluster.index("customers"));
            assertThatThrownBy(() -> ((Locating) connector).locate(CONTEXT, subject, outsideThePatterns))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("lethe-locator-x is not an index of the configured index patterns");
        }
    }

    private static HttpServer loopbackServer(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Discovery.Field> fields(Discovery discovery, String dataset) {
        Map<String, Discovery.Field> fields = new LinkedHashMap<>();
        discovery.datasets().stream()
                .filter(d -> d.name().equals(dataset))
                .findFirst()
                .orElseThrow()
                .fields()
                .forEach(field -> fields.put(field.path(), field));
        return fields;
    }

    private static Connector open(Map<String, String> overrides, OutboundGuard guard) {
        return cluster.open(new HashMap<>(overrides), new ConnectorRuntime(guard, CLASSIFIER));
    }
}
