package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.infra.testing.LocalServicesExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
