package dev.lethe.bench.connectors;

import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Reference;
import dev.lethe.connectors.spi.SubjectMap;
import java.util.List;
import java.util.Map;

/**
 * Five PostgreSQL systems, each its own database registered as its own connection, each with a
 * main table of {@code rows} records and an index on every identity column, and between them every
 * erasure strategy: a shop (customers and their orders, deleted), a CRM (contacts hashed, masked and
 * nulled), billing (invoices tokenized through the vault, amounts retained for tax law), support
 * (tickets redacted, their messages deleted) and an event log (deleted). Seeds are set-based
 * ({@code generate_series}), indexes and foreign keys are made after the load, then {@code vacuum
 * analyze} leaves the tables as a running system has them.
 */
final class PostgresSystems {

    static final String TAX_LAW = "invoices are kept 10 years (tax law)";

    private PostgresSystems() {}

    static List<BenchSystem> five(PostgresServer server) {
        return List.of(shop(server), crm(server), billing(server), support(server), events(server));
    }

    private static BenchSystem shop(PostgresServer server) {
        return system(
                server,
                "shop",
                """
                create table customers (id bigint, email text not null, full_name text, phone text,
                                        created_at timestamptz not null);
                insert into customers select i, 'customer' || i || '@example.org', 'Customer ' || i,
                       '+49 30 ' || (1000000 + i), timestamptz '2020-01-01' + i * interval '1 minute'
                  from generate_series(1::bigint, ROWS) i;
                alter table customers add primary key (id);
                create unique index customers_email on customers (email);
                create table orders (id bigint, customer_id bigint not null, total numeric(10,2),
                                     placed_at timestamptz not null);
                insert into orders select i, 1 + (i * 7919) % ROWS, (i % 500) + 0.99,
                       timestamptz '2021-01-01' + i * interval '1 minute'
                  from generate_series(1::bigint, ROWS) i;
                alter table orders add primary key (id);
                create index orders_customer on orders (customer_id);
                alter table orders add foreign key (customer_id) references customers;
                """,
                "public.customers",
                new SubjectMap(
                        Map.of("public.customers", Map.of("email", "email", "id", "customer_id")),
                        List.of(new Reference(
                                "public.orders", List.of("customer_id"), "public.customers", List.of("id")))),
                new ErasurePlan(List.of(
                        ErasureRule.deleteRecords("public.orders"), ErasureRule.deleteRecords("public.customers"))));
    }

    private static BenchSystem crm(PostgresServer server) {
        return system(
                server,
                "crm",
                """
                create table contacts (id bigint, customer_id bigint not null, email text not null,
                                       full_name text, phone text, updated_at timestamptz not null);
                insert into contacts select i, i, 'customer' || i || '@example.org', 'Customer ' || i,
                       '+49 30 ' || (1000000 + i), timestamptz '2024-01-01' + i * interval '1 second'
                  from generate_series(1::bigint, ROWS) i;
                alter table contacts add primary key (id);
                create index contacts_customer on contacts (customer_id);
                create index contacts_email on contacts (email);
                """,
                "public.contacts",
                new SubjectMap(
                        Map.of("public.contacts", Map.of("email", "email", "customer_id", "customer_id")), List.of()),
                new ErasurePlan(List.of(
                        ErasureRule.field("public.contacts", "email", ErasureStrategy.HASH, "contact.email"),
                        ErasureRule.field("public.contacts", "full_name", ErasureStrategy.MASK, null),
                        ErasureRule.field("public.contacts", "phone", ErasureStrategy.NULL, null))));
    }

    private static BenchSystem billing(PostgresServer server) {
        return system(
                server,
                "billing",
                """
                create table invoices (number text, customer_id bigint not null, customer_name text,
                                       billing_email text, amount numeric(10,2) not null, issued_at date not null);
                insert into invoices select 'INV-' || lpad(i::text, 8, '0'), c, 'Customer ' || c,
                       'customer' || c || '@example.org', (i % 1000) + 0.5, date '2019-01-01' + (i % 2500)::int
                  from (select i, 1 + (i * 104729) % ROWS c from generate_series(1::bigint, ROWS) i) s;
                alter table invoices add primary key (number);
                create index invoices_customer on invoices (customer_id);
                create index invoices_email on invoices (billing_email);
                """,
                "public.invoices",
                new SubjectMap(
                        Map.of("public.invoices", Map.of("customer_id", "customer_id", "billing_email", "email")),
                        List.of()),
                new ErasurePlan(List.of(
                        ErasureRule.field(
                                "public.invoices", "customer_name", ErasureStrategy.TOKENIZE, "identity.name"),
                        ErasureRule.field(
                                "public.invoices", "billing_email", ErasureStrategy.TOKENIZE, "contact.email"),
                        ErasureRule.retainField("public.invoices", "amount", TAX_LAW))));
    }

    private static BenchSystem support(PostgresServer server) {
        return system(
                server,
                "support",
                """
                create table tickets (id bigint, customer_id bigint not null, email text, subject text, body text,
                                      opened_at timestamptz not null);
                insert into tickets select i, c, 'customer' || c || '@example.org', 'Parcel ' || i || ' is late',
                       'Hello, this is Customer ' || c || '. Please write to customer' || c
                       || '@example.org or call +49 30 ' || (1000000 + c) || ' about parcel ' || i || '. Thanks',
                       timestamptz '2023-01-01' + i * interval '30 seconds'
                  from (select i, 1 + (i * 15485863) % ROWS c from generate_series(1::bigint, ROWS) i) s;
                alter table tickets add primary key (id);
                create index tickets_customer on tickets (customer_id);
                create index tickets_email on tickets (email);
                create table messages (id bigint, ticket_id bigint not null, sender text not null, body text,
                                       sent_at timestamptz not null);
                insert into messages select i, 1 + (i * 7919) % ROWS,
                       case when i % 2 = 0 then 'agent' else 'customer' end, 'Message ' || i || ' about the parcel',
                       timestamptz '2023-01-01' + i * interval '30 seconds'
                  from generate_series(1::bigint, ROWS) i;
                alter table messages add primary key (id);
                create index messages_ticket on messages (ticket_id);
                alter table messages add foreign key (ticket_id) references tickets;
                """,
                "public.tickets",
                new SubjectMap(
                        Map.of("public.tickets", Map.of("customer_id", "customer_id", "email", "email")),
                        List.of(new Reference(
                                "public.messages", List.of("ticket_id"), "public.tickets", List.of("id")))),
                new ErasurePlan(List.of(
                        ErasureRule.deleteRecords("public.messages"),
                        ErasureRule.field("public.tickets", "body", ErasureStrategy.REDACT_TEXT, null),
                        ErasureRule.field("public.tickets", "email", ErasureStrategy.NULL, null))));
    }

    private static BenchSystem events(PostgresServer server) {
        return system(
                server,
                "events",
                """
                create table events (id bigint, customer_id bigint not null, email text, ip text,
                                     action text not null, occurred_at timestamptz not null);
                insert into events select i, c, 'customer' || c || '@example.org',
                       '10.' || (i % 250) || '.' || (i % 200) || '.' || (i % 100), 'page_view',
                       timestamptz '2025-01-01' + i * interval '10 seconds'
                  from (select i, 1 + (i * 7919) % ROWS c from generate_series(1::bigint, ROWS) i) s;
                alter table events add primary key (id);
                create index events_customer on events (customer_id);
                create index events_email on events (email);
                """,
                "public.events",
                new SubjectMap(
                        Map.of("public.events", Map.of("customer_id", "customer_id", "email", "email")), List.of()),
                new ErasurePlan(List.of(ErasureRule.deleteRecords("public.events"))));
    }

    private static BenchSystem system(
            PostgresServer server, String name, String seed, String mainDataset, SubjectMap map, ErasurePlan plan) {
        String database = "bench_" + name;
        return new BenchSystem(
                name,
                new PostgresConnectorType(),
                server.connectionSettings(database),
                rows -> {
                    server.createDatabase(database);
                    server.execute(database, seed.replace("ROWS", Long.toString(rows)), "vacuum analyze");
                },
                () -> server.query(database, "select 1"),
                mainDataset,
                map,
                plan);
    }
}
