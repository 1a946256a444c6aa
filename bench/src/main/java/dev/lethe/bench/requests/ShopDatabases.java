package dev.lethe.bench.requests;

import dev.lethe.infra.PostgresAdmin;
import dev.lethe.infra.ServiceEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Five PostgreSQL databases shaped like a shop (customers, and their orders referring to them), the
 * systems every request runs through. Customers {@code 1..customers} own {@value #ORDERS_EACH} orders
 * each (the subjects of the many requests); two more own {@code heavyRows} orders each in every
 * system: {@link #HEAVY} (erased through Lethe) and {@link #BASELINE} (deleted with plain SQL, the
 * same-run baseline).
 */
final class ShopDatabases {

    static final List<String> NAMES = List.of("shop", "crm", "billing", "support", "events");
    static final int ORDERS_EACH = 3;
    static final String HEAVY = "heavy@example.org";
    static final String BASELINE = "baseline@example.org";

    private final ServiceEndpoints services;

    ShopDatabases(ServiceEndpoints services) {
        this.services = services;
    }

    static String email(long customer) {
        return "customer" + customer + "@example.org";
    }

    /** Creates and fills the five databases (dropping tables a previous run left). */
    void create(String prefix, long customers, long heavyRows) throws SQLException {
        var admin = new PostgresAdmin(services);
        for (String name : NAMES) {
            String database = prefix + name;
            admin.ensureDatabase(database);
            long start = System.nanoTime();
            execute(
                    database,
                    "drop table if exists orders",
                    "drop table if exists customers",
                    "create table customers (id bigint primary key, email text not null, name text not null)",
                    "create table orders (id bigint primary key, customer_id bigint not null references customers (id),"
                            + " item text not null, amount numeric(10, 2) not null)",
                    "insert into customers select g, 'customer' || g || '@example.org', 'Customer ' || g"
                            + " from generate_series(1, " + customers + ") g",
                    "insert into customers values (" + (customers + 1) + ", '" + HEAVY + "', 'Heavy Subject'), ("
                            + (customers + 2) + ", '" + BASELINE + "', 'Baseline Subject')",
                    "insert into orders select g, (g - 1) / " + ORDERS_EACH + " + 1, 'item ' || g, (g % 100) + 0.99"
                            + " from generate_series(1, " + (customers * ORDERS_EACH) + ") g",
                    "insert into orders select " + (customers * ORDERS_EACH) + " + g, " + (customers + 1)
                            + ", 'item ' || g, (g % 100) + 0.99 from generate_series(1, " + heavyRows + ") g",
                    "insert into orders select " + (customers * ORDERS_EACH + heavyRows) + " + g, "
                            + (customers + 2) + ", 'item ' || g, (g % 100) + 0.99 from generate_series(1, "
                            + heavyRows + ") g",
                    "create index customers_email on customers (email)",
                    "create index orders_customer on orders (customer_id)",
                    "vacuum analyze customers",
                    "vacuum analyze orders");
            System.out.printf(
                    "seeded %s: %,d orders in %.1f s%n",
                    database, count(database, "select count(*) from orders"), (System.nanoTime() - start) / 1e9);
        }
    }

    /** The settings of a connection to one of them, as an engineer registers it. */
    Map<String, String> settings(String database) {
        return Map.of(
                "host",
                services.postgresHost(),
                "port",
                Integer.toString(services.postgresPort()),
                "database",
                database,
                "user",
                services.postgresUser(),
                "ssl-mode",
                "disable",
                "statement-timeout-seconds",
                "600");
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                services.jdbcUrl(database), services.postgresUser(), services.postgresPassword());
    }

    long count(String database, String sql) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
