package dev.lethe.connectors.mariadb;

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
import dev.lethe.infra.testing.MariaDbExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MariaDB connector against a seeded shop database on the real MariaDB. */
@ExtendWith(MariaDbExtension.class)
class MariaDbConnectorIT {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final OperationContext CONTEXT = OperationContext.of(UUID.randomUUID(), "discovery-1");
    private static final String READER_PASSWORD = "reader-pass-42";

    private static TestDatabase database;
    private static String readerWithoutInvoices;
    private static String customers;
    private static String orders;
    private static String orderItems;
    private static String invoices;
    private static SubjectMap shop;

    @BeforeAll
    static void seedShop() throws SQLException {
        database = TestDatabase.create("shop");
        customers = database.dataset("customers");
        orders = database.dataset("orders");
        orderItems = database.dataset("order_items");
        invoices = database.dataset("invoices");
        // The shop as the catalog would describe it: identities in customers, everything else by reference.
        shop = new SubjectMap(
                Map.of(customers, Map.of("email", "email", "id", "customer_id")),
                List.of(
                        new Reference(orders, List.of("customer_id"), customers, List.of("id")),
                        new Reference(orderItems, List.of("order_id"), orders, List.of("id")),
                        new Reference(invoices, List.of("customer_id"), customers, List.of("id"))));
        readerWithoutInvoices = UniqueNames.of("reader").replace('-', '_');
        database.execute("""
                create table customers (id bigint primary key, email varchar(255) not null, full_name varchar(200),
                                        phone varchar(40), created_at datetime(6) not null default now(6),
                                        key customers_email (email));
                create table orders (id bigint primary key, customer_id bigint not null,
                                     total decimal(10,2), created_at datetime(6) not null default now(6),
                                     foreign key (customer_id) references customers (id));
                create table order_items (order_id bigint not null, line int not null, sku varchar(40) not null,
                                          quantity int not null, primary key (order_id, line),
                                          foreign key (order_id) references orders (id));
                create table invoices (number varchar(20) primary key, customer_id bigint, amount decimal(10,2),
                                       foreign key (customer_id) references customers (id));
                insert into customers (id, email, full_name, phone)
                  select seq, concat('customer', seq, '@example.org'), concat('Customer Number ', seq),
                         concat('+49 30 ', 1234000 + seq)
                  from seq_1_to_300;
                insert into orders (id, customer_id, total) select seq, 1 + seq % 300, seq * 1.5 from seq_1_to_600;
                insert into order_items select 1 + seq % 600, seq, concat('SKU-', seq), 1 from seq_1_to_900;
                insert into invoices select concat('INV-', seq), 1 + seq % 300, seq from seq_1_to_50;
                """);
        String user = "'" + readerWithoutInvoices + "'@'%'";
        String db = "`" + database.name() + "`";
        database.execute("create user " + user + " identified by '" + READER_PASSWORD + "';"
                + " grant select on " + db + ".customers to " + user + ";"
                + " grant select on " + db + ".orders to " + user + ";"
                + " grant select on " + db + ".order_items to " + user + ";"
                // A privilege, so the table is visible to the reader, but not SELECT.
                + " grant insert on " + db + ".invoices to " + user + ";");
    }

    @Test
    void aReachableDatabaseWithTheRightPrivilegesPassesEveryCheck() {
        try (Connector connector = open(Map.of(), database.guard())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.checks())
                    .extracting(TestResult.Check::name)
                    .containsExactly("address allowed", "connect and sign in", "tables readable");
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
        try (Connector connector =
                open(Map.of("user", readerWithoutInvoices, "password", READER_PASSWORD), database.guard())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().name()).isEqualTo("tables readable");
            assertThat(result.checks().getLast().message()).contains("no SELECT on 1 table(s), e.g. " + invoices);
        }
    }

    @Test
    void refusedCredentialsAreReportedWithoutEchoingThePassword() {
        try (Connector connector =
                open(Map.of("user", "nobody_here", "password", "hunter2-secret"), database.guard())) {
            TestResult result = connector.test(CONTEXT);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().name()).isEqualTo("connect and sign in");
            assertThat(result.checks().getLast().message())
                    .contains("refused the credentials")
                    .contains("error 1045")
                    .doesNotContain("hunter2");
        }
    }

    @Test
    void aServerThatIsNotThereIsARetriableFailure() throws IOException {
        int nobodyListens;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = socket.getLocalPort();
        }
        var guard = OutboundGuard.fromSetting("127.0.0.1:" + nobodyListens);

        try (Connector connector = open(Map.of("host", "127.0.0.1", "port", "" + nobodyListens), guard)) {
            assertThat(connector.test(CONTEXT).checks().getLast().message()).contains("cannot be reached");
            assertThatThrownBy(
                            () -> ((Locating) connector).locate(CONTEXT, Identities.of("email", "x@example.org"), shop))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isTrue());
        }
    }

    @Test
    void discoveryFindsTablesFieldsCategoriesIdentitiesAndForeignKeys() {
        Discovery discovery;
        try (Connector connector = open(Map.of(), database.guard())) {
            discovery = ((Discovering) connector).discover(CONTEXT, 50);
        }

        assertThat(discovery.datasets())
                .extracting(Discovery.Dataset::name)
                .containsExactly(customers, invoices, orderItems, orders);
        Map<String, Discovery.Field> customerFields = fields(discovery, customers);
        assertThat(customerFields).containsOnlyKeys("id", "email", "full_name", "phone", "created_at");
        assertThat(customerFields.get("email").categories()).containsExactly("contact.email");
        assertThat(customerFields.get("email").suggestedIdentity()).isEqualTo("email");
        assertThat(customerFields.get("email").sampled()).isEqualTo(50);
        assertThat(customerFields.get("phone").categories()).containsExactly("contact.phone");
        assertThat(customerFields.get("phone").suggestedIdentity()).isEqualTo("phone");
        assertThat(customerFields.get("id").suggestedIdentity()).isEqualTo("customer_id");
        assertThat(customerFields.get("id").dataType()).isEqualTo("BIGINT");
        assertThat(customerFields.get("email").dataType()).isEqualTo("VARCHAR");
        assertThat(fields(discovery, orders).get("total").categories()).isEmpty();
        assertThat(fields(discovery, orders).get("id").suggestedIdentity()).isNull();

        assertThat(discovery.references())
                .contains(
                        new Reference(orders, List.of("customer_id"), customers, List.of("id")),
                        new Reference(orderItems, List.of("order_id"), orders, List.of("id")),
                        new Reference(invoices, List.of("customer_id"), customers, List.of("id")))
                .hasSize(3);
    }

    @Test
    void aDiscoveryAskedToStopEndsBeforeTheNextTable() {
        var stopAfterFirstTable = new AtomicInteger();
        var context =
                new OperationContext(UUID.randomUUID(), "discovery-2", () -> stopAfterFirstTable.incrementAndGet() > 1);

        try (Connector connector = open(Map.of(), database.guard())) {
            assertThatThrownBy(() -> ((Discovering) connector).discover(context, 10))
                    .isInstanceOf(OperationStoppedException.class);
        }
        assertThat(stopAfterFirstTable.get()).isEqualTo(2);
    }

    @Test
    void locateCountsTheSubjectsRecordsAlongTheReferences() {
        try (Connector connector = open(Map.of(), database.guard())) {
            var counts = ((Locating) connector).locate(CONTEXT, Identities.of("email", "customer7@example.org"), shop);

            // Customer 7 owns orders 6, 306 (customer_id = 1 + id % 300); items of order o are 1 + i % 600 = o.
            assertThat(counts)
                    .containsExactlyInAnyOrder(
                            new Locating.DatasetCount(customers, 1),
                            new Locating.DatasetCount(orders, 2),
                            new Locating.DatasetCount(orderItems, 3),
                            new Locating.DatasetCount(invoices, 1));
        }
    }

    @Test
    void anyOfTheSubjectsIdentitiesFindsThemAndAnUnknownSubjectHasNothing() {
        try (Connector connector = open(Map.of(), database.guard())) {
            var byId = ((Locating) connector).locate(CONTEXT, Identities.of("customer_id", "7"), shop);
            var nobody = ((Locating) connector).locate(CONTEXT, Identities.of("email", "nobody@example.org"), shop);

            assertThat(byId).contains(new Locating.DatasetCount(orderItems, 3));
            assertThat(nobody).extracting(Locating.DatasetCount::records).containsOnly(0L);
        }
    }

    @Test
    void accessStreamsEveryRecordOfTheSubjectWithReadableValues() {
        List<String> datasets = new ArrayList<>();
        List<Map<String, Object>> customerRecords = new ArrayList<>();
        try (Connector connector = open(Map.of(), database.guard())) {
            ((Accessing) connector)
                    .access(CONTEXT, Identities.of("email", "customer7@example.org"), shop, (dataset, record) -> {
                        datasets.add(dataset);
                        if (dataset.equals(customers)) {
                            customerRecords.add(record);
                        }
                    });
        }

        assertThat(datasets).hasSize(7);
        assertThat(customerRecords).singleElement().satisfies(customer -> {
            assertThat(customer).containsEntry("email", "customer7@example.org").containsEntry("id", 7L);
            assertThat(customer.get("created_at")).asString().matches("\\d{4}-\\d{2}-\\d{2}T.*");
        });
    }

    @Test
    void aNameTheServerDoesNotHaveIsRefusedBeforeAnySqlIsBuiltFromIt() {
        var forged = new SubjectMap(Map.of(customers, Map.of("email` = email; --", "email")), List.of());

        try (Connector connector = open(Map.of(), database.guard())) {
            assertThatThrownBy(() ->
                            ((Locating) connector).locate(CONTEXT, Identities.of("email", "x@example.org"), forged))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("is not a column of " + customers);
        }
    }

    @Test
    void aDatasetOfAnotherDatabaseIsRefused() {
        var elsewhere = new SubjectMap(Map.of("mysql.user", Map.of("User", "email")), List.of());

        try (Connector connector = open(Map.of(), database.guard())) {
            assertThatThrownBy(() -> ((Locating) connector).locate(CONTEXT, Identities.of("email", "root"), elsewhere))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("is not a table of the configured schemas");
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

    private static Connector open(Map<String, String> overrides, OutboundGuard guard) {
        return database.open(overrides, new ConnectorRuntime(guard, CLASSIFIER));
    }
}
