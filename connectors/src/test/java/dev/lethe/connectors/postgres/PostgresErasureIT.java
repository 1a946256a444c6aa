package dev.lethe.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Erasing;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureReport.Outcome;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Rectifying;
import dev.lethe.connectors.spi.Reference;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.Verifying;
import dev.lethe.connectors.spi.Verifying.Remaining;
import dev.lethe.connectors.testing.VaultProtection;
import dev.lethe.infra.testing.LocalServicesExtension;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Erasure and verification by plan on the real PostgreSQL, with the real vault for HASH and TOKENIZE. */
@ExtendWith(LocalServicesExtension.class)
class PostgresErasureIT {

    private static final UUID TENANT = UUID.randomUUID();

    private static final SubjectMap SHOP = new SubjectMap(
            Map.of("public.customers", Map.of("email", "email", "id", "customer_id")),
            List.of(
                    new Reference("public.orders", List.of("customer_id"), "public.customers", List.of("id")),
                    new Reference("public.order_items", List.of("order_id"), "public.orders", List.of("id")),
                    new Reference("public.tickets", List.of("customer_id"), "public.customers", List.of("id")),
                    new Reference("public.invoices", List.of("customer_id"), "public.customers", List.of("id"))));

    private static final String TAX_LAW = "invoices are kept 10 years (tax law)";

    private static final ErasurePlan PLAN = new ErasurePlan(List.of(
            ErasureRule.deleteRecords("public.order_items"),
            ErasureRule.deleteRecords("public.orders"),
            ErasureRule.field("public.tickets", "body", ErasureStrategy.REDACT_TEXT, null),
            ErasureRule.field("public.invoices", "customer_name", ErasureStrategy.TOKENIZE, "identity.name"),
            ErasureRule.field("public.invoices", "billing_email", ErasureStrategy.HASH, "contact.email"),
            ErasureRule.retainField("public.invoices", "amount", TAX_LAW),
            ErasureRule.field("public.customers", "phone", ErasureStrategy.NULL, null),
            ErasureRule.field("public.customers", "full_name", ErasureStrategy.MASK, null),
            ErasureRule.field("public.customers", "email", ErasureStrategy.HASH, "contact.email")));

    private static TestDatabase database;
    private static ConnectorRuntime runtime;

    @BeforeAll
    static void seedShop(@TempDir Path keys) throws SQLException {
        database = TestDatabase.create("erase");
        runtime = new ConnectorRuntime(database.guard(), PiiClassifier.create(), VaultProtection.inDirectory(keys));
        database.execute("""
                create table customers (id bigint primary key, email text not null, full_name text, phone text);
                create table orders (id bigint primary key, customer_id bigint not null references customers);
                create table order_items (order_id bigint not null references orders, line int not null,
                                          sku text not null, primary key (order_id, line));
                create table tickets (id bigint primary key, customer_id bigint references customers, body text);
                create table invoices (number text primary key, customer_id bigint references customers,
                                       customer_name text, billing_email text, amount numeric(10,2));
                insert into customers select i, 'customer' || i || '@example.org', 'Customer Number ' || i,
                                             '+49 30 ' || (1234000 + i) from generate_series(1, 40) i;
                insert into orders select i, 1 + i % 40 from generate_series(1, 80) i;
                insert into order_items select 1 + i % 80, i, 'SKU-' || i from generate_series(1, 120) i;
                insert into tickets select i, i, 'Please write to customer' || i
                                              || '@example.org about my parcel, thanks' from generate_series(1, 40) i;
                insert into invoices select 'INV-' || i, i, 'Customer Number ' || i,
                                            'customer' || i || '@example.org', 10 * i from generate_series(1, 40) i;
                """);
    }

    @Test
    void eachStrategyErasesTheSubjectAndNothingElse() throws SQLException {
        ErasureReport report = erase(subject(7), PLAN);

        assertThat(report.outcomes())
                .containsExactlyInAnyOrder(
                        new Outcome("public.order_items", null, ErasureStrategy.DELETE_ROW, 3, null),
                        new Outcome("public.orders", null, ErasureStrategy.DELETE_ROW, 2, null),
                        new Outcome("public.tickets", "body", ErasureStrategy.REDACT_TEXT, 1, null),
                        new Outcome("public.invoices", "customer_name", ErasureStrategy.TOKENIZE, 1, null),
                        new Outcome("public.invoices", "billing_email", ErasureStrategy.HASH, 1, null),
                        new Outcome("public.invoices", "amount", ErasureStrategy.RETAIN, 1, TAX_LAW),
                        new Outcome("public.customers", "phone", ErasureStrategy.NULL, 1, null),
                        new Outcome("public.customers", "full_name", ErasureStrategy.MASK, 1, null),
                        new Outcome("public.customers", "email", ErasureStrategy.HASH, 1, null));
        assertThat(row("select email, full_name, phone from customers where id = 7"))
                .satisfies(customer -> {
                    assertThat(customer.get("email")).startsWith("hsh_email_");
                    assertThat(customer.get("full_name")).isEqualTo(ErasurePlan.MASK);
                    assertThat(customer.get("phone")).isNull();
                });
        assertThat(row("select body from tickets where id = 7").get("body"))
                .isEqualTo("Please write to [EMAIL_ADDRESS] about my parcel, thanks");
        assertThat(row("select customer_name, billing_email, amount from invoices where customer_id = 7"))
                .satisfies(invoice -> {
                    assertThat(invoice.get("customer_name")).startsWith("tok_name_");
                    assertThat(invoice.get("billing_email"))
                            .isEqualTo(row("select email from customers where id = 7")
                                    .get("email"));
                    assertThat(invoice.get("amount")).isEqualTo("70.00");
                });
        assertThat(row("select count(*)::text n from orders where customer_id = 7")
                        .get("n"))
                .isEqualTo("0");
        assertThat(row("select email, phone from customers where id = 8"))
                .containsEntry("email", "customer8@example.org")
                .containsEntry("phone", "+49 30 1234008");
        assertThat(row("select count(*)::text n from orders where customer_id = 8")
                        .get("n"))
                .isEqualTo("2");
    }

    @Test
    void aSecondErasureChangesNothingAndSaysSo() throws SQLException {
        erase(subject(12), PLAN);
        String hashedEmail = row("select email from customers where id = 12").get("email");

        ErasureReport again = erase(subject(12), PLAN);

        assertThat(again.outcomes())
                .allSatisfy(outcome -> assertThat(outcome.records())
                        .as(outcome.toString())
                        .isEqualTo(outcome.strategy() == ErasureStrategy.RETAIN ? 1 : 0));
        assertThat(row("select email from customers where id = 12").get("email"))
                .isEqualTo(hashedEmail);
    }

    @Test
    void verificationNamesWhatIsLeftAndWhatWasRetainedOnPurpose() {
        Verifying.Verification before = verify(subject(21), PLAN);
        erase(subject(21), PLAN);
        Verifying.Verification after = verify(subject(21), PLAN);

        assertThat(before.passed()).isFalse();
        assertThat(before.remaining())
                .contains(new Remaining("public.orders", null, 2, false, "records still there"))
                .contains(new Remaining("public.customers", "email", 1, false, "not erased"));
        assertThat(after.passed()).isTrue();
        assertThat(after.remaining()).containsExactly(new Remaining("public.invoices", "amount", 1, true, TAX_LAW));
    }

    @Test
    void datasetsWithoutARuleAreReportedByVerification() {
        var onlyCustomers =
                new ErasurePlan(List.of(ErasureRule.field("public.customers", "phone", ErasureStrategy.NULL, null)));

        Verifying.Verification verification = verify(subject(30), onlyCustomers);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.remaining())
                .contains(new Remaining("public.invoices", null, 1, false, "no rule in the plan"));
    }

    @Test
    void aPlanThatWouldBreakAForeignKeyChangesNothing() throws SQLException {
        var customersOnly = new ErasurePlan(List.of(
                ErasureRule.field("public.customers", "phone", ErasureStrategy.NULL, null),
                ErasureRule.deleteRecords("public.orders")));

        assertThatThrownBy(() -> erase(subject(33), customersOnly))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("refers to one being deleted");
        assertThat(row("select phone from customers where id = 33").get("phone"))
                .isEqualTo("+49 30 1234033");
        assertThat(row("select count(*)::text n from orders where customer_id = 33")
                        .get("n"))
                .isEqualTo("2");
    }

    @Test
    void aStrategyThatDoesNotFitTheColumnIsRefusedBeforeAnythingChanges() throws SQLException {
        var maskNumber = new ErasurePlan(List.of(
                ErasureRule.field("public.customers", "phone", ErasureStrategy.NULL, null),
                ErasureRule.field("public.invoices", "amount", ErasureStrategy.MASK, null)));

        assertThatThrownBy(() -> erase(subject(35), maskNumber))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("public.invoices.amount is numeric(10,2)");
        assertThat(row("select phone from customers where id = 35").get("phone"))
                .isEqualTo("+49 30 1234035");
    }

    @Test
    void rectificationSetsTheNewValueOnceAndOnlyForTheSubject() throws SQLException {
        long first = rectify(subject(37), "public.customers", "phone", "+49 30 7654321");
        long second = rectify(subject(37), "public.customers", "phone", "+49 30 7654321");

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(row("select phone from customers where id = 37").get("phone"))
                .isEqualTo("+49 30 7654321");
        assertThat(row("select phone from customers where id = 38").get("phone"))
                .isEqualTo("+49 30 1234038");
    }

    private static long rectify(Identities subject, String dataset, String field, String value) {
        try (Connector connector = open()) {
            return ((Rectifying) connector)
                    .rectify(OperationContext.of(TENANT, "rectify"), subject, SHOP, dataset, field, value);
        }
    }

    private static Identities subject(int customer) {
        return new Identities(Map.of("email", "customer" + customer + "@example.org", "customer_id", "" + customer));
    }

    private static ErasureReport erase(Identities subject, ErasurePlan plan) {
        try (Connector connector = open()) {
            return ((Erasing) connector)
                    .erase(
                            OperationContext.of(
                                    TENANT,
                                    "erasure-" + subject.get("customer_id").orElseThrow()),
                            subject,
                            SHOP,
                            plan);
        }
    }

    private static Verifying.Verification verify(Identities subject, ErasurePlan plan) {
        try (Connector connector = open()) {
            return ((Verifying) connector).verify(OperationContext.of(TENANT, "verify"), subject, SHOP, plan);
        }
    }

    private static Connector open() {
        return database.open(Map.of(), runtime);
    }

    private static Map<String, String> row(String query) throws SQLException {
        return database.row(query);
    }
}
