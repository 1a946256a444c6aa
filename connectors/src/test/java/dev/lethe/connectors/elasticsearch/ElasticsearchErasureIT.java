package dev.lethe.connectors.elasticsearch;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Erasure and verification by plan on the real Elasticsearch, with the real vault for HASH and TOKENIZE. */
@ExtendWith(LocalServicesExtension.class)
class ElasticsearchErasureIT {

    private static final UUID TENANT = UUID.randomUUID();
    private static final String KEPT = "the city is kept for delivery statistics";

    private static TestCluster cluster;
    private static ConnectorRuntime runtime;
    private static SubjectMap shop;
    private static ErasurePlan plan;

    @BeforeAll
    static void seedShop(@TempDir Path keys) {
        cluster = TestCluster.create("erase");
        runtime = new ConnectorRuntime(cluster.guard(), PiiClassifier.create(), VaultProtection.inDirectory(keys));
        ShopIndices.seed(cluster, 40);
        String customers = cluster.index("customers");
        String orders = cluster.index("orders");
        String tickets = cluster.index("tickets");
        shop = new SubjectMap(
                Map.of(
                        customers,
                        Map.of("email", "email", "id", "customer_id"),
                        tickets,
                        Map.of("contact_email", "email")),
                List.of(
                        new Reference(orders, List.of("customer_id"), customers, List.of("id")),
                        new Reference(tickets, List.of("customer_id"), customers, List.of("id"))));
        plan = new ErasurePlan(List.of(
                ErasureRule.deleteRecords(orders),
                ErasureRule.field(tickets, "body", ErasureStrategy.REDACT_TEXT, null),
                ErasureRule.field(tickets, "contact_email", ErasureStrategy.TOKENIZE, "contact.email"),
                ErasureRule.field(customers, "phone", ErasureStrategy.NULL, null),
                ErasureRule.field(customers, "full_name", ErasureStrategy.MASK, null),
                ErasureRule.field(customers, "email", ErasureStrategy.HASH, "contact.email"),
                ErasureRule.field(customers, "address.street", ErasureStrategy.MASK, null),
                ErasureRule.retainField(customers, "address.city", KEPT)));
    }

    @Test
    void eachStrategyErasesTheSubjectAndNothingElse() {
        ErasureReport report = erase(subject(7), plan);

        String customers = cluster.index("customers");
        String tickets = cluster.index("tickets");
        assertThat(report.outcomes())
                .containsExactlyInAnyOrder(
                        new Outcome(cluster.index("orders"), null, ErasureStrategy.DELETE_ROW, 2, null),
                        new Outcome(tickets, "body", ErasureStrategy.REDACT_TEXT, 1, null),
                        new Outcome(tickets, "contact_email", ErasureStrategy.TOKENIZE, 1, null),
                        new Outcome(customers, "phone", ErasureStrategy.NULL, 1, null),
                        new Outcome(customers, "full_name", ErasureStrategy.MASK, 1, null),
                        new Outcome(customers, "email", ErasureStrategy.HASH, 1, null),
                        new Outcome(customers, "address.street", ErasureStrategy.MASK, 1, null),
                        new Outcome(customers, "address.city", ErasureStrategy.RETAIN, 1, KEPT));
        JsonNode customer = cluster.source("customers", "c7");
        assertThat(customer.path("email").asString()).startsWith("hsh_email_");
        assertThat(customer.path("full_name").asString()).isEqualTo(ErasurePlan.MASK);
        assertThat(customer.path("phone").isNull()).isTrue();
        assertThat(customer.path("address").path("street").asString()).isEqualTo(ErasurePlan.MASK);
        assertThat(customer.path("address").path("city").asString()).isEqualTo("Berlin");
        assertThat(customer.path("id").asLong()).isEqualTo(7);
        JsonNode ticket = cluster.source("tickets", "t7");
        assertThat(ticket.path("body").asString()).isEqualTo("Please write to [EMAIL_ADDRESS] about my parcel, thanks");
        assertThat(ticket.path("contact_email").asString()).startsWith("tok_email_");
        assertThat(cluster.count("orders", "{\"term\": {\"customer_id\": 7}}")).isZero();
        JsonNode neighbour = cluster.source("customers", "c8");
        assertThat(neighbour.path("email").asString()).isEqualTo("customer8@example.org");
        assertThat(neighbour.path("phone").asString()).isEqualTo("+49 30 1234008");
        assertThat(cluster.count("orders", "{\"term\": {\"customer_id\": 8}}")).isEqualTo(2);
        assertThat(cluster.source("tickets", "t8").path("body").asString()).contains("customer8@example.org");
    }

    @Test
    void aSecondErasureChangesNothingAndSaysSo() {
        erase(subject(12), plan);
        String hashedEmail = cluster.source("customers", "c12").path("email").asString();

        ErasureReport again = erase(subject(12), plan);

        assertThat(again.outcomes())
                .allSatisfy(outcome -> assertThat(outcome.records())
                        .as(outcome.toString())
                        .isEqualTo(outcome.strategy() == ErasureStrategy.RETAIN ? 1 : 0));
        assertThat(cluster.source("customers", "c12").path("email").asString()).isEqualTo(hashedEmail);
    }

    @Test
    void verificationNamesWhatIsLeftAndWhatWasRetainedOnPurpose() {
        Verifying.Verification before = verify(subject(21), plan);
        erase(subject(21), plan);
        Verifying.Verification after = verify(subject(21), plan);

        assertThat(before.passed()).isFalse();
        assertThat(before.remaining())
                .contains(new Remaining(cluster.index("orders"), null, 2, false, "records still there"))
                .contains(new Remaining(cluster.index("customers"), "email", 1, false, "not erased"))
                .contains(new Remaining(cluster.index("tickets"), "body", 1, false, "not erased"));
        assertThat(after.passed()).as(after.toString()).isTrue();
        assertThat(after.remaining())
                .containsExactly(new Remaining(cluster.index("customers"), "address.city", 1, true, KEPT));
    }

    @Test
    void datasetsWithoutARuleAreReportedByVerification() {
        var onlyCustomers = new ErasurePlan(
                List.of(ErasureRule.field(cluster.index("customers"), "phone", ErasureStrategy.NULL, null)));

        Verifying.Verification verification = verify(subject(30), onlyCustomers);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.remaining())
                .contains(new Remaining(cluster.index("orders"), null, 2, false, "no rule in the plan"))
                .contains(new Remaining(cluster.index("tickets"), null, 1, false, "no rule in the plan"));
    }

    @Test
    void aStrategyThatDoesNotFitTheFieldIsRefusedBeforeAnythingChanges() {
        var maskNumber = new ErasurePlan(List.of(
                ErasureRule.field(cluster.index("customers"), "phone", ErasureStrategy.NULL, null),
                ErasureRule.field(cluster.index("customers"), "id", ErasureStrategy.MASK, null)));

        assertThatThrownBy(() -> erase(subject(35), maskNumber))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining(cluster.index("customers") + ".id is long");
        assertThat(cluster.source("customers", "c35").path("phone").asString()).isEqualTo("+49 30 1234035");
    }

    @Test
    void rectificationSetsTheNewValueOnceAndOnlyForTheSubject() {
        long first = rectify(subject(37), "phone", "+49 30 7654321");
        long second = rectify(subject(37), "phone", "+49 30 7654321");
        long newField = rectify(subject(37), "address.city", "Potsdam");

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(newField).isEqualTo(1);
        assertThat(cluster.source("customers", "c37").path("phone").asString()).isEqualTo("+49 30 7654321");
        assertThat(cluster.source("customers", "c37")
                        .path("address")
                        .path("city")
                        .asString())
                .isEqualTo("Potsdam");
        assertThat(cluster.source("customers", "c37")
                        .path("address")
                        .path("street")
                        .asString())
                .isEqualTo("Hauptstrasse 37");
        assertThat(cluster.source("customers", "c38").path("phone").asString()).isEqualTo("+49 30 1234038");
    }

    @Test
    void aValueTheMappingRefusesIsAFatalErrorThatDoesNotQuoteIt() {
        assertThatThrownBy(() -> rectify(subject(39), "id", "not-a-number"))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("does not fit the index's mapping")
                .hasMessageNotContaining("not-a-number");
        assertThat(cluster.source("customers", "c39").path("id").asLong()).isEqualTo(39);
    }

    @Test
    void rectifyingAFieldTheIndexDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> rectify(subject(39), "nickname", "Bob"))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("nickname is not a field of " + cluster.index("customers"));
        assertThat(cluster.source("customers", "c39").has("nickname")).isFalse();
    }

    @Test
    void anIndexThatKeepsNoSourceIsRefusedRatherThanReportedEmpty() {
        cluster.createIndex("archive", """
                {"_source": {"enabled": false}, "properties": {"email": {"type": "keyword"}}}""");
        cluster.bulk("archive", Map.of("a3", "{\"email\": \"customer3@example.org\"}"));
        var archive = new SubjectMap(Map.of(cluster.index("archive"), Map.of("email", "email")), List.of());
        var deleteAll = new ErasurePlan(List.of(ErasureRule.deleteRecords(cluster.index("archive"))));

        try (Connector connector = open()) {
            assertThatThrownBy(() -> ((Erasing) connector)
                            .erase(OperationContext.of(TENANT, "erasure-archive"), subject(3), archive, deleteAll))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("keeps no _source");
        }
        assertThat(cluster.count("archive", "{\"match_all\": {}}")).isEqualTo(1);
    }

    private static long rectify(Identities subject, String field, String value) {
        try (Connector connector = open()) {
            return ((Rectifying) connector)
                    .rectify(
                            OperationContext.of(TENANT, "rectify"),
                            subject,
                            shop,
                            cluster.index("customers"),
                            field,
                            value);
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
                            shop,
                            plan);
        }
    }

    private static Verifying.Verification verify(Identities subject, ErasurePlan plan) {
        try (Connector connector = open()) {
            return ((Verifying) connector).verify(OperationContext.of(TENANT, "verify"), subject, shop, plan);
        }
    }

    private static Connector open() {
        return cluster.open(Map.of(), runtime);
    }
}
