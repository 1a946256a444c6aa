package dev.lethe.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL connector against a seeded shop database on the real PostgreSQL. */
@ExtendWith(LocalServicesExtension.class)
class PostgresConnectorIT {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final OperationContext CONTEXT = OperationContext.of(UUID.randomUUID(), "discovery-1");

    private static TestDatabase database;
    private static String readerWithoutInvoices;

    @BeforeAll
    static void seedShop() throws SQLException {
        database = TestDatabase.create("shop");
        readerWithoutInvoices = UniqueNames.of("shop_reader").replace('-', '_');
        TestServices.ensureLoginRole(readerWithoutInvoices);
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("""
                    create table customers (id bigint primary key, email text not null, full_name text,
                                            phone text, created_at timestamptz not null default now());
                    create table orders (id bigint primary key, customer_id bigint not null references customers,
                                         total numeric(10,2), created_at timestamptz not null default now());
                    create table order_items (order_id bigint not null references orders, line int not null,
                                              sku text not null, quantity int not null, primary key (order_id, line));
                    create table invoices (number text primary key, customer_id bigint references customers,
                                           amount numeric(10,2));
                    insert into customers (id, email, full_name, phone)
                      select i, 'customer' || i || '@example.org', 'Customer Number ' || i,
                             '+49 30 ' || (1234000 + i)
                      from generate_series(1, 300) i;
                    insert into orders (id, customer_id, total) select i, 1 + i % 300, i * 1.5
                      from generate_series(1, 600) i;
                    insert into order_items select 1 + i % 600, i, 'SKU-' || i, 1 from generate_series(1, 900) i;
                    insert into invoices select 'INV-' || i, 1 + i % 300, i from generate_series(1, 50) i;
                    """);
            sql.execute("grant connect on database \"" + database.name() + "\" to " + readerWithoutInvoices);
            sql.execute("grant usage on schema public to " + readerWithoutInvoices);
            sql.execute("grant select on customers, orders, order_items to " + readerWithoutInvoices);
        }
    }

    @Test
    void aReachableDatabaseWithTheRightPrivilegesPassesEveryCheck() {
        try (Connector connector = open(Map.of(), allowingTheTestServer())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.checks())
                    .extracting(TestResult.Check::name)
                    .containsExactly("address allowed", "connect and sign in", "schemas readable", "tables readable");
            assertThat(result.passed()).as(result.toString()).isTrue();
        }
    }

    @Test
    void theLoopbackServerIsRefusedUntilAnAdministratorAllowsIt() {
        try (Connector connector = open(Map.of(), new OutboundGuard(List.of()))) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks())
                    .singleElement()
                    .satisfies(check -> assertThat(check.message())
                            .contains("loopback")
                            .contains("lethe.connectors.allowed-targets"));
        }
    }

    @Test
    void aMissingPrivilegeIsNamedWithTheTableItConcerns() {
        try (Connector connector = open(Map.of("user", readerWithoutInvoices), allowingTheTestServer())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().name()).isEqualTo("tables readable");
            assertThat(result.checks().getLast().message()).contains("no SELECT on 1 table(s), e.g. public.invoices");
        }
    }

    @Test
    void refusedCredentialsAreReportedWithoutEchoingThePassword() {
        try (Connector connector =
                open(Map.of("user", "nobody_here", "password", "hunter2-secret"), allowingTheTestServer())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().name()).isEqualTo("connect and sign in");
            assertThat(result.checks().getLast().message())
                    .contains("refused the credentials")
                    .doesNotContain("hunter2");
        }
    }

    @Test
    void discoveryFindsTablesFieldsCategoriesIdentitiesAndForeignKeys() {
        Discovery discovery;
        try (Connector connector = open(Map.of(), allowingTheTestServer())) {
            discovery = ((Discovering) connector).discover(CONTEXT, 50);
        }

        assertThat(discovery.datasets())
                .extracting(Discovery.Dataset::name)
                .containsExactly("public.customers", "public.invoices", "public.order_items", "public.orders");
        Map<String, Discovery.Field> customers = fields(discovery, "public.customers");
        assertThat(customers).containsOnlyKeys("id", "email", "full_name", "phone", "created_at");
        assertThat(customers.get("email").categories()).containsExactly("contact.email");
        assertThat(customers.get("email").suggestedIdentity()).isEqualTo("email");
        assertThat(customers.get("email").sampled()).isEqualTo(50);
        assertThat(customers.get("phone").categories()).containsExactly("contact.phone");
        assertThat(customers.get("phone").suggestedIdentity()).isEqualTo("phone");
        assertThat(customers.get("id").suggestedIdentity()).isEqualTo("customer_id");
        assertThat(customers.get("id").dataType()).isEqualTo("int8");
        assertThat(fields(discovery, "public.orders").get("total").categories()).isEmpty();
        assertThat(fields(discovery, "public.orders").get("id").suggestedIdentity())
                .isNull();

        assertThat(discovery.references())
                .contains(
                        new Reference("public.orders", List.of("customer_id"), "public.customers", List.of("id")),
                        new Reference("public.order_items", List.of("order_id"), "public.orders", List.of("id")),
                        new Reference("public.invoices", List.of("customer_id"), "public.customers", List.of("id")))
                .hasSize(3);
    }

    @Test
    void aDiscoveryAskedToStopEndsBeforeTheNextTable() {
        var stopAfterFirstTable = new AtomicInteger();
        var context =
                new OperationContext(UUID.randomUUID(), "discovery-2", () -> stopAfterFirstTable.incrementAndGet() > 1);

        try (Connector connector = open(Map.of(), allowingTheTestServer())) {
            assertThatThrownBy(() -> ((Discovering) connector).discover(context, 10))
                    .isInstanceOf(OperationStoppedException.class);
        }
        assertThat(stopAfterFirstTable.get()).isEqualTo(2);
    }

    /** The shop as the catalog would describe it: identities in customers, everything else by reference. */
    private static final SubjectMap SHOP = new SubjectMap(
            Map.of("public.customers", Map.of("email", "email", "id", "customer_id")),
            List.of(
                    new Reference("public.orders", List.of("customer_id"), "public.customers", List.of("id")),
                    new Reference("public.order_items", List.of("order_id"), "public.orders", List.of("id")),
                    new Reference("public.invoices", List.of("customer_id"), "public.customers", List.of("id"))));

    @Test
    void locateCountsTheSubjectsRecordsAlongTheReferences() {
        try (Connector connector = open(Map.of(), allowingTheTestServer())) {
            var counts = ((Locating) connector).locate(CONTEXT, Identities.of("email", "customer7@example.org"), SHOP);

            // Customer 7 owns orders 6, 306 (customer_id = 1 + id % 300); items of order o are 1 + i % 600 = o.
            assertThat(counts)
                    .containsExactlyInAnyOrder(
                            new Locating.DatasetCount("public.customers", 1),
                            new Locating.DatasetCount("public.orders", 2),
                            new Locating.DatasetCount("public.order_items", 3),
                            new Locating.DatasetCount("public.invoices", 1));
        }
    }

    @Test
    void anyOfTheSubjectsIdentitiesFindsThemAndAnUnknownSubjectHasNothing() {
        try (Connector connector = open(Map.of(), allowingTheTestServer())) {
            var byId = ((Locating) connector).locate(CONTEXT, Identities.of("customer_id", "7"), SHOP);
            var nobody = ((Locating) connector).locate(CONTEXT, Identities.of("email", "nobody@example.org"), SHOP);

            assertThat(byId).contains(new Locating.DatasetCount("public.order_items", 3));
            assertThat(nobody).extracting(Locating.DatasetCount::records).containsOnly(0L);
        }
    }

    @Test
    void accessStreamsEveryRecordOfTheSubjectWithReadableValues() {
        List<String> datasets = new ArrayList<>();
        List<Map<String, Object>> customers = new ArrayList<>();
        try (Connector connector = open(Map.of(), allowingTheTestServer())) {
            ((Accessing) connector)
                    .access(CONTEXT, Identities.of("email", "customer7@example.org"), SHOP, (dataset, record) -> {
                        datasets.add(dataset);
                        if (dataset.equals("public.customers")) {
                            customers.add(record);
                        }
                    });
        }

        assertThat(datasets).hasSize(7);
        assertThat(customers).singleElement().satisfies(customer -> {
            assertThat(customer).containsEntry("email", "customer7@example.org").containsEntry("id", 7L);
            assertThat(customer.get("created_at")).asString().matches("\\d{4}-\\d{2}-\\d{2}T.*");
        });
    }

    @Test
    void aNameTheServerDoesNotHaveIsRefusedBeforeAnySqlIsBuiltFromIt() {
        var forged = new SubjectMap(Map.of("public.customers", Map.of("email\" = email; --", "email")), List.of());

        try (Connector connector = open(Map.of(), allowingTheTestServer())) {
            assertThatThrownBy(() ->
                            ((Locating) connector).locate(CONTEXT, Identities.of("email", "x@example.org"), forged))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("is not a column of public.customers");
        }
    }

    private static Map<String, Discovery.Field> fields(Discovery discovery, String dataset) {
        Map<String, Discovery.Field> fields = new HashMap<>();
        discovery.datasets().stream()
                .filter(d -> d.name().equals(dataset))
                .findFirst()
                .orElseThrow()
                .fields()
                .forEach(field -> fields.put(field.path(), field));
        return fields;
    }

    private static OutboundGuard allowingTheTestServer() {
        return database.guard();
    }

    private static Connector open(Map<String, String> overrides, OutboundGuard guard) {
        return database.open(overrides, new ConnectorRuntime(guard, CLASSIFIER));
    }
}
