package dev.lethe.workflows.crash;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldReview;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.discovery.DiscoveredDataset;
import dev.lethe.catalog.discovery.DiscoveredField;
import dev.lethe.catalog.discovery.DiscoveredReference;
import dev.lethe.catalog.discovery.DiscoveryImport;
import dev.lethe.catalog.discovery.ImportSummary;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The crash test's connected systems: small shops, each in its own database on the test PostgreSQL
 * (customers with an email; their addresses and orders, and the orders' items, through foreign keys),
 * registered in the catalog as discovery would leave them with every field confirmed, so that the real
 * planner deletes a customer's rows with their children. A trigger logs every deleted customer row:
 * that each erasure took effect once is read from it. Customer {@code c} of shop {@code s} has one
 * address, {@code 1 + (c + s) % 3} orders and two items per order.
 */
final class CrashShops {

    static final String CUSTOMERS = "public.customers";
    static final String ADDRESSES = "public.addresses";
    static final String ORDERS = "public.orders";
    static final String ITEMS = "public.order_items";

    private static final List<DiscoveredDataset> DATASETS = List.of(
            new DiscoveredDataset(
                    CUSTOMERS,
                    "TABLE",
                    CUSTOMERS,
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, null),
                            new DiscoveredField("email", "text", List.of("contact.email"), 0.97, "email"))),
            new DiscoveredDataset(
                    ADDRESSES,
                    "TABLE",
                    ADDRESSES,
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, null),
                            new DiscoveredField("customer_id", "bigint", List.of(), 0, null),
                            new DiscoveredField("city", "text", List.of(), 0, null))),
            new DiscoveredDataset(
                    ORDERS,
                    "TABLE",
                    ORDERS,
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, null),
                            new DiscoveredField("customer_id", "bigint", List.of(), 0, null),
                            new DiscoveredField("total", "numeric", List.of(), 0, null))),
            new DiscoveredDataset(
                    ITEMS,
                    "TABLE",
                    ITEMS,
                    List.of(
                            new DiscoveredField("order_id", "bigint", List.of(), 0, null),
                            new DiscoveredField("line", "integer", List.of(), 0, null),
                            new DiscoveredField("sku", "text", List.of(), 0, null))));

    private static final List<DiscoveredReference> REFERENCES = List.of(
            new DiscoveredReference(ADDRESSES, List.of("customer_id"), CUSTOMERS, List.of("id")),
            new DiscoveredReference(ORDERS, List.of("customer_id"), CUSTOMERS, List.of("id")),
            new DiscoveredReference(ITEMS, List.of("order_id"), ORDERS, List.of("id")));

    private CrashShops() {}

    static String email(long customer) {
        return "customer" + customer + "@example.org";
    }

    /** Creates shop {@code number}'s database with {@code customers} customers, and registers it. */
    static CrashSettings.Shop create(CatalogTestDatabase catalog, UUID tenant, int number, int customers)
            throws SQLException {
        String database = TestServices.createDatabase("crash_shop");
        execute(database, """
                create table customers (id bigint primary key, email text not null);
                create table addresses (id bigint primary key, customer_id bigint not null references customers,
                                        city text);
                create table orders (id bigint primary key, customer_id bigint not null references customers,
                                     total numeric(10,2));
                create table order_items (order_id bigint not null references orders, line int not null,
                                          sku text not null, primary key (order_id, line));
                create table deleted_log (customer_id bigint not null, at timestamptz not null);
                create function log_deleted() returns trigger language plpgsql as $$
                begin
                    insert into deleted_log (customer_id, at) values (old.id, clock_timestamp());
                    return old;
                end $$;
                create trigger customers_deleted after delete on customers
                    for each row execute function log_deleted();
                insert into customers select c, 'customer' || c || '@example.org' from generate_series(1, %d) c;
                insert into addresses select c, c, 'Berlin' from generate_series(1, %d) c;
                insert into orders select c * 10 + k, c, k * 1.5
                    from generate_series(1, %d) c, generate_series(1, 3) k where k <= 1 + (c + %d) %% 3;
                insert into order_items select o.id, l, 'SKU-' || l from orders o, generate_series(1, 2) l;
                """.formatted(customers, customers, customers, number));
        Editor engineer = new Editor(tenant, Actor.apiKey("engineer"));
        var changes = catalog.changes();
        var datasets = new Datasets(catalog.app(), changes);
        var review = new FieldReview(changes);
        String name = "shop-" + number;
        UUID system = TenantContext.callAs(
                tenant,
                () -> new DataSystems(catalog.app(), changes)
                        .create(engineer, new SystemDraft(name, null, null, null, null, null))
                        .id());
        ImportSummary imported = TenantContext.callAs(
                tenant,
                () -> new DiscoveryImport(catalog.app(), changes).importInto(engineer, system, DATASETS, REFERENCES));
        for (ImportSummary.DatasetOutcome outcome : imported.datasets()) {
            TenantContext.runAs(tenant, () -> {
                int version = datasets.find(tenant, outcome.id())
                        .orElseThrow()
                        .revision()
                        .version();
                review.review(engineer, outcome.id(), version, FieldStatus.CONFIRMED);
            });
        }
        return new CrashSettings.Shop(name, database, system, UUID.randomUUID());
    }

    /** The customer's records per dataset, as they are now. */
    static Map<String, Long> records(CrashSettings.Shop shop, long customer) throws SQLException {
        Map<String, Long> records = new LinkedHashMap<>();
        records.put(CUSTOMERS, count(shop, "select count(*) from customers where id = " + customer));
        records.put(ADDRESSES, count(shop, "select count(*) from addresses where customer_id = " + customer));
        records.put(ORDERS, count(shop, "select count(*) from orders where customer_id = " + customer));
        records.put(
                ITEMS,
                count(
                        shop,
                        "select count(*) from order_items i join orders o on o.id = i.order_id where o.customer_id = "
                                + customer));
        return records;
    }

    static long count(CrashSettings.Shop shop, String query) throws SQLException {
        try (Connection connection = connect(shop.database());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void execute(String database, String statements) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    private static Connection connect(String database) throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        return DriverManager.getConnection(
                services.jdbcUrl(database), services.postgresUser(), Objects.toString(services.postgresPassword(), ""));
    }
}
