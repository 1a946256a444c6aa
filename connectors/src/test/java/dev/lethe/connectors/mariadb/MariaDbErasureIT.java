package dev.lethe.connectors.mariadb;

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
import dev.lethe.infra.testing.MariaDbExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Erasure and verification by plan on the real MariaDB, with the real vault for HASH and TOKENIZE. */
@ExtendWith(MariaDbExtension.class)
class MariaDbErasureIT {

    private static final UUID TENANT = UUID.randomUUID();
    private static final String TAX_LAW = "invoices are kept 10 years (tax law)";

    private static TestDatabase database;
    private static ConnectorRuntime runtime;
    private static SubjectMap shop;
    private static ErasurePlan plan;

    @BeforeAll
    static void seedShop(@TempDir Path keys) throws SQLException {
        database = TestDatabase.create("erase");
        runtime = new ConnectorRuntime(database.guard(), PiiClassifier.create(), VaultProtection.inDirectory(keys));
        shop = new SubjectMap(
                Map.of(dataset("customers"), Map.of("email", "email", "id", "customer_id")),
                List.of(
                        new Reference(dataset("orders"), List.of("customer_id"), dataset("customers"), List.of("id")),
                        new Reference(dataset("order_items"), List.of("order_id"), dataset("orders"), List.of("id")),
                        new Reference(dataset("tickets"), List.of("customer_id"), dataset("customers"), List.of("id")),
                        new Reference(
                                dataset("invoices"), List.of("customer_id"), dataset("customers"), List.of("id"))));
        plan = new ErasurePlan(List.of(
                ErasureRule.deleteRecords(dataset("order_items")),
                ErasureRule.deleteRecords(dataset("orders")),
                ErasureRule.field(dataset("tickets"), "body", ErasureStrategy.REDACT_TEXT, null),
                ErasureRule.field(dataset("invoices"), "customer_name", ErasureStrategy.TOKENIZE, "identity.name"),
                ErasureRule.field(dataset("invoices"), "billing_email", ErasureStrategy.HASH, "contact.email"),
                ErasureRule.retainField(dataset("invoices"), "amount", TAX_LAW),
                ErasureRule.field(dataset("customers"), "phone", ErasureStrategy.NULL, null),
                ErasureRule.field(dataset("customers"), "full_name", ErasureStrategy.MASK, null),
                ErasureRule.field(dataset("customers"), "email", ErasureStrategy.HASH, "contact.email")));
        database.execute("""
                create table customers (id bigint primary key, email varchar(255) not null, full_name varchar(200),
                                        phone varchar(40));
                create table orders (id bigint primary key, customer_id bigint not null,
                                     foreign key (customer_id) references customers (id));
                create table order_items (order_id bigint not null, line int not null, sku varchar(40) not null,
                                          primary key (order_id, line), foreign key (order_id) references orders (id));
                create table tickets (id bigint primary key, customer_id bigint, body text,
                                      foreign key (customer_id) references customers (id));
                create table invoices (number varchar(20) primary key, customer_id bigint, customer_name varchar(255),
                                       billing_email varchar(255), amount decimal(10,2),
                                       foreign key (customer_id) references customers (id));
                insert into customers select seq, concat('customer', seq, '@example.org'),
                                             concat('Customer Number ', seq), concat('+49 30 ', 1234000 + seq)
                                      from seq_1_to_40;
                insert into orders select seq, 1 + seq % 40 from seq_1_to_80;
                insert into order_items select 1 + seq % 80, seq, concat('SKU-', seq) from seq_1_to_120;
                insert into tickets select seq, seq, concat('Please write to customer', seq,
                                                            '@example.org about my parcel, thanks') from seq_1_to_40;
                insert into invoices select concat('INV-', seq), seq, concat('Customer Number ', seq),
                                            concat('customer', seq, '@example.org'), 10 * seq from seq_1_to_40;
                """);
    }

    @Test
    void eachStrategyErasesTheSubjectAndNothingElse() throws SQLException {
        ErasureReport report = erase(subject(7), plan);

        assertThat(report.outcomes())
                .containsExactlyInAnyOrder(
                        new Outcome(dataset("order_items"), null, ErasureStrategy.DELETE_ROW, 3, null),
                        new Outcome(dataset("orders"), null, ErasureStrategy.DELETE_ROW, 2, null),
                        new Outcome(dataset("tickets"), "body", ErasureStrategy.REDACT_TEXT, 1, null),
                        new Outcome(dataset("invoices"), "customer_name", ErasureStrategy.TOKENIZE, 1, null),
                        new Outcome(dataset("invoices"), "billing_email", ErasureStrategy.HASH, 1, null),
                        new Outcome(dataset("invoices"), "amount", ErasureStrategy.RETAIN, 1, TAX_LAW),
                        new Outcome(dataset("customers"), "phone", ErasureStrategy.NULL, 1, null),
                        new Outcome(dataset("customers"), "full_name", ErasureStrategy.MASK, 1, null),
                        new Outcome(dataset("customers"), "email", ErasureStrategy.HASH, 1, null));
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
        assertThat(database.count("select count(*) from orders where customer_id = 7"))
                .isZero();
        assertThat(row("select email, phone from customers where id = 8"))
                .containsEntry("email", "customer8@example.org")
                .containsEntry("phone", "+49 30 1234008");
        assertThat(database.count("select count(*) from orders where customer_id = 8"))
                .isEqualTo(2);
    }

    @Test
    void aSecondErasureChangesNothingAndSaysSo() throws SQLException {
        erase(subject(12), plan);
        String hashedEmail = row("select email from customers where id = 12").get("email");

        ErasureReport again = erase(subject(12), plan);

        assertThat(again.outcomes())
                .allSatisfy(outcome -> assertThat(outcome.records())
                        .as(outcome.toString())
                        .isEqualTo(outcome.strategy() == ErasureStrategy.RETAIN ? 1 : 0));
        assertThat(row("select email from customers where id = 12").get("email"))
                .isEqualTo(hashedEmail);
    }

    @Test
    void verificationNamesWhatIsLeftAndWhatWasRetainedOnPurpose() {
        Verifying.Verification before = verify(subject(21), plan);
        erase(subject(21), plan);
        Verifying.Verification after = verify(subject(21), plan);

        assertThat(before.passed()).isFalse();
        assertThat(before.remaining())
                .contains(new Remaining(dataset("orders"), null, 2, false, "records still there"))
                .contains(new Remaining(dataset("customers"), "email", 1, false, "not erased"));
        assertThat(after.passed()).isTrue();
        assertThat(after.remaining()).containsExactly(new Remaining(dataset("invoices"), "amount", 1, true, TAX_LAW));
    }

    @Test
    void datasetsWithoutARuleAreReportedByVerification() {
        var onlyCustomers =
                new ErasurePlan(List.of(ErasureRule.field(dataset("customers"), "phone", ErasureStrategy.NULL, null)));

        Verifying.Verification verification = verify(subject(30), onlyCustomers);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.remaining())
                .contains(new Remaining(dataset("invoices"), null, 1, false, "no rule in the plan"));
    }

    @Test
    void aPlanThatWouldBreakAForeignKeyChangesNothing() throws SQLException {
        var customersOnly = new ErasurePlan(List.of(
                ErasureRule.field(dataset("customers"), "phone", ErasureStrategy.NULL, null),
                ErasureRule.deleteRecords(dataset("orders"))));

        assertThatThrownBy(() -> erase(subject(33), customersOnly))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("refers to one being deleted")
                .hasMessageContaining("error 1451");
        assertThat(row("select phone from customers where id = 33").get("phone"))
                .isEqualTo("+49 30 1234033");
        assertThat(database.count("select count(*) from orders where customer_id = 33"))
                .isEqualTo(2);
    }

    @Test
    void aStrategyThatDoesNotFitTheColumnIsRefusedBeforeAnythingChanges() throws SQLException {
        var maskNumber = new ErasurePlan(List.of(
                ErasureRule.field(dataset("customers"), "phone", ErasureStrategy.NULL, null),
                ErasureRule.field(dataset("invoices"), "amount", ErasureStrategy.MASK, null)));

        assertThatThrownBy(() -> erase(subject(35), maskNumber))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining(dataset("invoices") + ".amount is decimal(10,2)");
        assertThat(row("select phone from customers where id = 35").get("phone"))
                .isEqualTo("+49 30 1234035");
    }

    @Test
    void aRecordLockedByAnotherTransactionIsARetriableTimeoutAndChangesNothing() throws SQLException {
        try (Connection other = database.connect();
                Statement lock = other.createStatement()) {
            other.setAutoCommit(false);
            lock.executeQuery("select * from customers where id = 39 for update")
                    .close();

            assertThatThrownBy(() -> erase(subject(39), plan, Map.of("statement-timeout-seconds", "1")))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isTrue());
            other.rollback();
        }
        assertThat(database.count("select count(*) from orders where customer_id = 39"))
                .isEqualTo(2);
        assertThat(row("select phone from customers where id = 39").get("phone"))
                .isEqualTo("+49 30 1234039");
    }

    @Test
    void rectificationSetsTheNewValueOnceAndOnlyForTheSubject() throws SQLException {
        long first = rectify(subject(37), dataset("customers"), "phone", "+49 30 7654321");
        long second = rectify(subject(37), dataset("customers"), "phone", "+49 30 7654321");

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(row("select phone from customers where id = 37").get("phone"))
                .isEqualTo("+49 30 7654321");
        assertThat(row("select phone from customers where id = 38").get("phone"))
                .isEqualTo("+49 30 1234038");
    }

    @Test
    void aCorrectionOfCaseIsARectificationThoughTheCollationIgnoresCase() throws SQLException {
        long changed = rectify(subject(36), dataset("customers"), "full_name", "CUSTOMER NUMBER 36");

        assertThat(changed).isEqualTo(1);
        assertThat(row("select full_name from customers where id = 36").get("full_name"))
                .isEqualTo("CUSTOMER NUMBER 36");
    }

    private static String dataset(String table) {
        return database.dataset(table);
    }

    private static long rectify(Identities subject, String dataset, String field, String value) {
        try (Connector connector = database.open(Map.of(), runtime)) {
            return ((Rectifying) connector)
                    .rectify(OperationContext.of(TENANT, "rectify"), subject, shop, dataset, field, value);
        }
    }

    private static Identities subject(int customer) {
        return new Identities(Map.of("email", "customer" + customer + "@example.org", "customer_id", "" + customer));
    }

    private static ErasureReport erase(Identities subject, ErasurePlan plan) {
        return erase(subject, plan, Map.of());
    }

    private static ErasureReport erase(Identities subject, ErasurePlan plan, Map<String, String> settings) {
        try (Connector connector = database.open(settings, runtime)) {
            return ((Erasing) connector)
                    .erase(
                            OperationContext.of(
                                    TENANT,
                                    "erasure-" + subject.get("customer_id").orElseThrow()),
                            subject,
                            shop,
                            plan);
        }
    }

    private static Verifying.Verification verify(Identities subject, ErasurePlan plan) {
        try (Connector connector = database.open(Map.of(), runtime)) {
            return ((Verifying) connector).verify(OperationContext.of(TENANT, "verify"), subject, shop, plan);
        }
    }

    private static Map<String, String> row(String query) throws SQLException {
        return database.row(query);
    }
}
