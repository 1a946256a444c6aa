package dev.lethe.app.connectors;

import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An engineer's system for the connection ITs: a shop in its own database on the test PostgreSQL
 * (customers, addresses, orders → order items, support tickets with free text, invoices kept for tax
 * law, and loyalty points that refer to customers without a foreign key), read by a login role of its
 * own with a password. Customer {@code n} has the email {@code customer<n>@example.org}; customer 7 has
 * 1 address, 2 orders with 3 items, 1 ticket, 1 invoice and 1 loyalty record.
 */
public record ShopDatabase(ServiceEndpoints services, String name, String user, String password) {

    public static ShopDatabase create() throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        String name = TestServices.createDatabase("shop");
        String user = UniqueNames.of("shop_reader").replace('-', '_');
        String password = "Pw-" + UniqueNames.of("secret").replace('-', '_') + "-!x";
        var shop = new ShopDatabase(services, name, user, password);
        shop.execute("""
                create table customers (id bigint primary key, email text not null, full_name text, phone text);
                create table addresses (id bigint primary key, customer_id bigint not null references customers,
                                        street text, city text);
                create table orders (id bigint primary key, customer_id bigint not null references customers,
                                     total numeric(10,2));
                create table order_items (order_id bigint not null references orders, line int not null,
                                          sku text not null, primary key (order_id, line));
                create table tickets (id bigint primary key, customer_id bigint references customers, body text);
                create table invoices (number text primary key, customer_id bigint references customers,
                                       customer_name text, billing_email text, amount numeric(10,2));
                create table loyalty_points (customer_ref bigint not null, points int not null);
                insert into customers select i, 'customer' || i || '@example.org', 'Customer Number ' || i,
                                             '+49 30 ' || (1234000 + i) from generate_series(1, 40) i;
                insert into addresses select i, i, 'Hauptstrasse ' || i, 'Berlin' from generate_series(1, 40) i;
                insert into orders select i, 1 + i % 40, i * 1.5 from generate_series(1, 80) i;
                insert into order_items select 1 + i % 80, i, 'SKU-' || i from generate_series(1, 120) i;
                insert into tickets select i, i, 'Please write to customer' || i
                                              || '@example.org about my parcel, thanks' from generate_series(1, 40) i;
                insert into invoices select 'INV-' || i, i, 'Customer Number ' || i,
                                            'customer' || i || '@example.org', 10 * i from generate_series(1, 40) i;
                insert into loyalty_points select i, 100 * i from generate_series(1, 40) i;
                """);
        shop.execute("create role " + user + " login password '" + password + "'");
        shop.execute("grant connect on database \"" + name + "\" to " + user);
        shop.execute("grant usage on schema public to " + user);
        shop.execute("grant select, update, delete on all tables in schema public to " + user);
        return shop;
    }

    /** A registration of the shop as the API takes it. */
    public Map<String, Object> registration(String connection, String system) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", services.postgresHost());
        config.put("port", services.postgresPort());
        config.put("database", name);
        config.put("user", user);
        config.put("password", password);
        config.put("ssl-mode", "disable");
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", connection);
        registration.put("type", "postgresql");
        registration.put("system", system);
        registration.put("config", config);
        return registration;
    }

    /** The single number {@code query} answers (a count), read as the tables' owner. */
    public long count(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        services.jdbcUrl(name),
                        services.postgresUser(),
                        Objects.toString(services.postgresPassword(), ""));
                Statement statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    public void execute(String statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        services.jdbcUrl(name),
                        services.postgresUser(),
                        Objects.toString(services.postgresPassword(), ""));
                Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }
}
