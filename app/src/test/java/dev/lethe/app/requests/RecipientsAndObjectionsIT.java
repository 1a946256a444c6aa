package dev.lethe.app.requests;

import static dev.lethe.app.requests.RequestsHttp.PATIENCE;
import static dev.lethe.app.requests.RequestsHttp.await;
import static dev.lethe.app.requests.RequestsHttp.connectAndConfirm;
import static dev.lethe.app.requests.RequestsHttp.created;
import static dev.lethe.app.requests.RequestsHttp.ok;
import static dev.lethe.app.requests.RequestsHttp.status;
import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.DATA_SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ingest.ObjectedPurposes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Art. 19 and Art. 21 on the running application (PostgreSQL, the Temporal workflow, Kafka and
 * Elasticsearch as the app runs them): the recipients of the data flows out of the shop are told by
 * manual tasks and the request completes only once each acknowledged or an officer waived it with a
 * reason; an erasure shreds at once but issues its receipt only after its recipients answered; an
 * approved objection makes the purpose checks answer "no" for that subject and purpose (and the flows
 * that serve it), whatever identity spelling a processing system asks with, and nothing else; and a
 * protected Kafka stream marks that subject's records with the purpose objected to (and a restricted
 * subject's as restricted).
 */
class RecipientsAndObjectionsIT extends AppIntegrationTest {

    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp secondOfficer;
    CatalogHttp auditor;
    String shopSystemId;

    @BeforeAll
    static void seedShop() throws SQLException {
        shop = ShopDatabase.create();
    }

    @BeforeEach
    void tenantWithConnectedShop() {
        tenant = tenants.create(UniqueNames.of("dsr-art19"), "Recipients and objections");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        secondOfficer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        auditor = new CatalogHttp(port, key(Role.AUDITOR));
        String systemName = UniqueNames.of("shop-db");
        connectAndConfirm(engineer, shop.registration(UniqueNames.of("shop"), systemName));
        shopSystemId = owner().select(DATA_SYSTEM.ID)
                .from(DATA_SYSTEM)
                .where(DATA_SYSTEM.TENANT_ID.eq(tenant.id()))
                .and(DATA_SYSTEM.NAME.eq(systemName))
                .fetchSingle(DATA_SYSTEM.ID)
                .toString();
    }

    @Test
    void aRectificationCompletesOnlyWhenEveryRecipientAcknowledgedOrWasWaivedWithAReason() throws Exception {
        flow("Newsletter to the mailer", "Mailer GmbH", "marketing");
        flow("Parcels to the carrier", "Carrier AG", "service_delivery");
        String path = file(Map.of(
                "type",
                "RECTIFICATION",
                "identities",
                Map.of("email", "customer21@example.org"),
                "regulation",
                "GDPR",
                "corrections",
                Map.of("email", "corrected21@example.org")));

        JsonNode scoped = await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        assertThat(scoped.get("recipients").findValuesAsString("recipient"))
                .as("the approver sees who will be told")
                .containsExactly("Carrier AG", "Mailer GmbH");
        assertThat(scoped.get("recipients").findValuesAsString("state")).containsOnly("PENDING");
        ok(officer.post(path + "/approve", Map.of("reason", "identity checked")));

        JsonNode told = await(officer, path, request -> states(request).equals(List.of("NOTIFIED", "NOTIFIED")));
        assertThat(status(told)).isEqualTo("IN_PROGRESS");
        assertThat(shop.count("select count(*) from customers where id = 21 and email = 'corrected21@example.org'"))
                .as("the shop itself was corrected first")
                .isEqualTo(1);
        JsonNode tasks = Eventually.require(
                "a task per recipient",
                () -> CatalogHttp.body(officer.get("/api/v1/manual-tasks?status=open")),
                open -> notifyTasks(open).size() == 2,
                PATIENCE);
        JsonNode carrierTask = notifyTasks(tasks).stream()
                .filter(task -> task.get("instructions").asString().contains("Carrier AG"))
                .findFirst()
                .orElseThrow();
        assertThat(carrierTask.get("instructions").asString())
                .contains("Art. 19", "rectified", "Parcels to the carrier")
                .doesNotContain("customer21", "corrected21");

        ok(officer.post(
                path + "/tasks/" + carrierTask.get("id").asString() + "/complete",
                Map.of("note", "Phoned the carrier; they updated their address book")));
        JsonNode acknowledged = await(
                officer,
                path,
                request ->
                        recipient(request, "Carrier AG").get("state").asString().equals("ACKNOWLEDGED"));
        assertThat(status(acknowledged)).as("the mailer has not answered").isEqualTo("IN_PROGRESS");

        String mailerId = recipient(acknowledged, "Mailer GmbH").get("id").asString();
        HttpResponse<String> noReason = officer.post(path + "/recipients/" + mailerId + "/waive", Map.of());
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        HttpResponse<String> byAuditor =
                auditor.post(path + "/recipients/" + mailerId + "/waive", Map.of("reason", "x"));
        assertThat(byAuditor.statusCode()).isEqualTo(403);
        HttpResponse<String> unknown =
                officer.post(path + "/recipients/" + UUID.randomUUID() + "/waive", Map.of("reason", "x"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> acknowledgedAlready = officer.post(
                path + "/recipients/"
                        + recipient(acknowledged, "Carrier AG").get("id").asString() + "/waive",
                Map.of("reason", "x"));
        assertThat(acknowledgedAlready.statusCode()).isEqualTo(409);
        ok(officer.post(
                path + "/recipients/" + mailerId + "/waive",
                Map.of("reason", "The mailer went out of business in 2025; no successor")));

        JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));
        assertThat(status(closed)).as("a waived recipient is an exception").isEqualTo("COMPLETED_WITH_EXCEPTIONS");
        JsonNode mailer = recipient(closed, "Mailer GmbH");
        assertThat(mailer.get("state").asString()).isEqualTo("WAIVED");
        assertThat(mailer.get("reason").asString()).contains("out of business");
        assertThat(recipient(closed, "Carrier AG").get("settledBy").asString()).isNotBlank();
        assertThat(closed.get("timeline").findValuesAsString("kind"))
                .contains(
                        "request.recipient_recorded",
                        "request.recipient_notified",
                        "request.recipient_acknowledged",
                        "request.recipient_waived");
        HttpResponse<String> afterClose =
                officer.post(path + "/recipients/" + mailerId + "/waive", Map.of("reason", "again"));
        assertThat(afterClose.statusCode()).isEqualTo(409);

        var audit = owner().selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.TARGET.eq("request:" + closed.get("id").asString()))
                .fetch();
        assertThat(audit.map(entry -> entry.getAction()))
                .contains("request.recipient_notified", "request.recipient_acknowledged", "request.recipient_waived");
        assertThat(audit.map(entry -> entry.getDetails().data()).toString())
                .as("the officer's reason stays out of the audit chain; the subject too")
                .doesNotContain("out of business", "customer21", "corrected21");
    }

    @Test
    void anErasureShredsAtOnceButIssuesItsReceiptOnlyAfterItsRecipientAcknowledged() throws Exception {
        flow("Orders to the payment provider", "Payments Inc.", "billing");
        String path = file(Map.of(
                "type", "ERASURE", "identities", Map.of("email", "customer22@example.org"), "regulation", "GDPR"));
        await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        ok(secondOfficer.post(path + "/approve", Map.of("reason", "identity checked")));

        // VERIFYING comes after the keys were shredded: the erasure did not wait for the recipient.
        await(
                officer,
                path,
                request -> status(request).equals("VERIFYING")
                        && recipient(request, "Payments Inc.")
                                .get("state")
                                .asString()
                                .equals("NOTIFIED"));
        assertThat(shop.count("select count(*) from customers where id = 22")).isZero();
        Thread.sleep(2_000);
        assertThat(auditor.get(path + "/receipt").statusCode())
                .as("no receipt while a recipient has not answered")
                .isEqualTo(404);
        assertThat(status(CatalogHttp.body(officer.get(path)))).isEqualTo("VERIFYING");

        JsonNode task = notifyTasks(CatalogHttp.body(officer.get("/api/v1/manual-tasks?status=open"))).stream()
                .filter(candidate -> candidate.get("instructions").asString().contains("Payments Inc."))
                .findFirst()
                .orElseThrow();
        assertThat(task.get("instructions").asString()).contains("erased");
        ok(officer.post(
                path + "/tasks/" + task.get("id").asString() + "/complete",
                Map.of("note", "Payments Inc. confirmed the deletion by e-mail")));

        JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));
        assertThat(status(closed)).as(closed.toString()).isEqualTo("COMPLETED");
        assertThat(recipient(closed, "Payments Inc.").get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(auditor.get(path + "/receipt").statusCode()).isEqualTo(200);
    }

    @Test
    void aRecipientWithAConnectionIsToldThroughItAndItsAnswerIsTheAcknowledgement() {
        created(engineer.post(
                "/api/v1/connections",
                Map.of(
                        "name",
                        UniqueNames.of("payments"),
                        "type",
                        "manual",
                        "system",
                        "Payments Inc.",
                        "config",
                        Map.of("instructions", "Ask Payments Inc. to erase the customer."))));
        flow("Orders to the payment provider", "Payments Inc.", "billing");
        String path = file(Map.of(
                "type", "ERASURE", "identities", Map.of("email", "customer29@example.org"), "regulation", "GDPR"));
        JsonNode scoped = await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        JsonNode payments = recipient(scoped, "Payments Inc.");
        assertThat(payments.get("via").asString()).isEqualTo("CONNECTION");
        assertThat(payments.get("connectionId").asString()).isEqualTo(RequestsHttp.connectionId(scoped, "manual"));
        ok(secondOfficer.post(path + "/approve", Map.of("reason", "identity checked")));

        await(officer, path, request -> RequestsHttp.state(request, "manual").equals("WAITING"));
        JsonNode task = Eventually.require(
                        "the connection's own erasure task",
                        () -> CatalogHttp.body(officer.get("/api/v1/manual-tasks?status=open")),
                        open -> open.size() == 1,
                        PATIENCE)
                .get(0);
        assertThat(task.get("action").asString()).as("no second, NOTIFY task").isEqualTo("ERASE");
        ok(officer.post(
                path + "/tasks/" + task.get("id").asString() + "/complete",
                Map.of("note", "Payments Inc. erased the customer, ticket 7")));

        JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));
        JsonNode acknowledged = recipient(closed, "Payments Inc.");
        assertThat(acknowledged.get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("settledBy").asString()).startsWith("connection:");
        assertThat(acknowledged.get("taskId").isNull()).isTrue();
        assertThat(CatalogHttp.body(officer.get("/api/v1/manual-tasks?status=open")))
                .isEmpty();
    }

    @Test
    void anApprovedObjectionStopsItsPurposeAndItsFlowsForThatSubjectOnly() {
        String marketingFlow = flow("Newsletter to the mailer", "Mailer GmbH", "marketing");
        String billingFlow = flow("Orders to the payment provider", "Payments Inc.", "billing");
        CatalogHttp processing = new CatalogHttp(port, key(Role.ENGINEER));
        Map<String, Object> marketing = question("customer23@example.org", "marketing");
        JsonNode before = CatalogHttp.body(processing.post("/api/v1/purpose-checks", marketing));
        assertThat(before.get("allowed").asBoolean()).isTrue();

        String path = file(Map.of(
                "type", "OBJECTION",
                "identities", Map.of("email", "customer23@example.org"),
                "regulation", "GDPR",
                "purpose", "marketing"));
        await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        JsonNode stillAllowed = CatalogHttp.body(processing.post("/api/v1/purpose-checks", marketing));
        assertThat(stillAllowed.get("allowed").asBoolean())
                .as("not before approval")
                .isTrue();
        ok(officer.post(path + "/approve", Map.of("reason", "Art. 21(3): direct marketing")));
        JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));
        assertThat(closed.get("timeline").toString()).contains("request.flows_stopped", marketingFlow);

        HttpResponse<String> objected = processing.post(
                "/api/v1/purpose-checks",
                Map.of("identities", Map.of("email", " Customer23@Example.org"), "purpose", "marketing"));
        assertThat(objected.statusCode()).as(objected.body()).isEqualTo(200);
        JsonNode no = CatalogHttp.body(objected);
        assertThat(no.get("allowed").asBoolean()).isFalse();
        assertThat(no.get("objected").asBoolean()).isTrue();
        assertThat(no.get("restricted").asBoolean()).isFalse();
        assertThat(no.get("flows").findValuesAsString("id")).containsExactly(marketingFlow);
        assertThat(objected.body()).doesNotContainIgnoringCase("customer23");

        JsonNode byFlow = CatalogHttp.body(processing.post(
                "/api/v1/purpose-checks",
                Map.of("identities", Map.of("email", "customer23@example.org"), "flowId", marketingFlow)));
        assertThat(byFlow.get("allowed").asBoolean()).isFalse();
        assertThat(byFlow.get("purpose").asString()).isEqualTo("marketing");
        JsonNode otherFlow = CatalogHttp.body(processing.post(
                "/api/v1/purpose-checks",
                Map.of("identities", Map.of("email", "customer23@example.org"), "flowId", billingFlow)));
        assertThat(otherFlow.get("allowed").asBoolean())
                .as("billing was not objected to")
                .isTrue();
        JsonNode someoneElse = CatalogHttp.body(
                processing.post("/api/v1/purpose-checks", question("customer24@example.org", "marketing")));
        assertThat(someoneElse.get("allowed").asBoolean()).isTrue();

        HttpResponse<String> unknownPurpose =
                processing.post("/api/v1/purpose-checks", question("customer23@example.org", "marketting"));
        assertThat(unknownPurpose.statusCode())
                .as("a typo is refused, not allowed")
                .isEqualTo(400);
        HttpResponse<String> noIdentity =
                processing.post("/api/v1/purpose-checks", Map.of("identities", Map.of(), "purpose", "marketing"));
        assertThat(noIdentity.statusCode()).isEqualTo(400);
        HttpResponse<String> byAuditor = auditor.post("/api/v1/purpose-checks", marketing);
        assertThat(byAuditor.statusCode()).isEqualTo(403);
        Tenant other = tenants.create(UniqueNames.of("dsr-art21-other"), "Another tenant");
        CatalogHttp elsewhere = new CatalogHttp(port, key(other, Role.ENGINEER));
        JsonNode otherTenant = CatalogHttp.body(elsewhere.post("/api/v1/purpose-checks", marketing));
        assertThat(otherTenant.get("allowed").asBoolean())
                .as("objections stay in their tenant")
                .isTrue();
    }

    @Test
    void anObjectionIsRecordedEvenWhenNoSystemHoldsTheSubjectAndARestrictionStopsEveryPurpose() {
        String path = file(Map.of(
                "type", "OBJECTION",
                "identities", Map.of("email", "nobody-here@example.org"),
                "regulation", "GDPR",
                "purpose", "analytics"));
        await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        ok(officer.post(path + "/approve", Map.of("reason", "checked")));
        await(officer, path, request -> status(request).startsWith("COMPLETED"));
        JsonNode analytics = CatalogHttp.body(
                officer.post("/api/v1/purpose-checks", question("nobody-here@example.org", "analytics")));
        assertThat(analytics.get("allowed").asBoolean()).isFalse();

        String restriction = file(Map.of(
                "type", "RESTRICTION", "identities", Map.of("email", "customer25@example.org"), "regulation", "GDPR"));
        await(officer, restriction, request -> status(request).equals("AWAITING_APPROVAL"));
        ok(officer.post(restriction + "/approve", Map.of("reason", "accuracy contested")));
        Eventually.require(
                "the restriction recorded",
                () -> CatalogHttp.body(
                        officer.post("/api/v1/purpose-checks", question("customer25@example.org", "billing"))),
                answer -> answer.get("restricted").asBoolean()
                        && !answer.get("allowed").asBoolean(),
                PATIENCE);
    }

    @Test
    void aProtectedStreamMarksTheRecordsOfASubjectWhoObjectedOrIsRestrictedAndNobodyElses() {
        String path = file(Map.of(
                "type", "OBJECTION",
                "identities", Map.of("email", "Customer26@Example.org"),
                "regulation", "GDPR",
                "purpose", "marketing"));
        String restriction = file(Map.of(
                "type", "RESTRICTION", "identities", Map.of("email", "customer30@example.org"), "regulation", "GDPR"));
        for (String request : List.of(path, restriction)) {
            await(officer, request, r -> status(r).equals("AWAITING_APPROVAL"));
            ok(officer.post(request + "/approve", Map.of("reason", "checked")));
            await(officer, request, r -> status(r).startsWith("COMPLETED"));
        }

        String stream = UniqueNames.of("newsletter");
        String raw = stream + ".raw";
        String clean = stream + ".clean";
        created(engineer.post(
                "/api/v1/streams?createTopics=true",
                Map.of(
                        "name",
                        stream,
                        "sourceTopic",
                        raw,
                        "targetTopic",
                        clean,
                        "system",
                        "ingest-" + stream,
                        "dataset",
                        "signups",
                        "subjectPath",
                        "$.customer.email",
                        "policy",
                        Map.of("contact.email", "DETERMINISTIC", "*", "REDACT"))));
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", TestServices.endpoints().kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(raw, "objected", signup("customer26@example.org")));
            ProducerRecord<String, String> spoofed =
                    new ProducerRecord<>(raw, "spoofed", signup("customer27@example.org"));
            spoofed.headers().add(ObjectedPurposes.HEADER, "analytics".getBytes(StandardCharsets.UTF_8));
            spoofed.headers().add(ObjectedPurposes.RESTRICTED_HEADER, "true".getBytes(StandardCharsets.UTF_8));
            producer.send(spoofed);
            producer.send(new ProducerRecord<>(raw, "other", signup("customer28@example.org")));
            producer.send(new ProducerRecord<>(raw, "restricted", signup("customer30@example.org")));
        }
        Map<String, String> marks = new HashMap<>();
        Map<String, String> restricted = new HashMap<>();
        for (ConsumerRecord<String, String> record : CommittedRecords.read(clean, 4, Duration.ofSeconds(60))) {
            marks.put(record.key(), header(record, ObjectedPurposes.HEADER));
            restricted.put(record.key(), header(record, ObjectedPurposes.RESTRICTED_HEADER));
            assertThat(record.value()).doesNotContain("customer26@", "customer27@", "customer28@", "customer30@");
        }

        assertThat(marks)
                .containsEntry("objected", "marketing")
                .as("only Lethe sets the marks: a producer's are dropped")
                .containsEntry("spoofed", "")
                .containsEntry("other", "")
                .containsEntry("restricted", "");
        assertThat(restricted)
                .containsEntry("restricted", "true")
                .containsEntry("objected", "")
                .containsEntry("spoofed", "")
                .containsEntry("other", "");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String signup(String email) {
        return "{\"customer\": {\"email\": \"" + email + "\"}, \"channel\": \"web\"}";
    }

    private static Map<String, Object> question(String email, String purpose) {
        return Map.of("identities", Map.of("email", email), "purpose", purpose);
    }

    private String flow(String name, String recipient, String purpose) {
        Map<String, Object> flow = new HashMap<>();
        flow.put("name", name);
        flow.put("fromSystemId", shopSystemId);
        flow.put("externalRecipient", recipient);
        flow.put("purpose", purpose);
        return created(officer.post("/api/v1/data-flows", flow)).get("id").asString();
    }

    private String file(Map<String, Object> body) {
        return "/api/v1/requests/"
                + created(officer.post("/api/v1/requests", body)).get("id").asString();
    }

    private static List<String> states(JsonNode request) {
        List<String> states = new ArrayList<>();
        request.get("recipients")
                .forEach(recipient -> states.add(recipient.get("state").asString()));
        return states;
    }

    private static JsonNode recipient(JsonNode request, String name) {
        for (JsonNode recipient : request.get("recipients")) {
            if (recipient.get("recipient").asString().equals(name)) {
                return recipient;
            }
        }
        throw new AssertionError("no recipient " + name + " in " + request.get("recipients"));
    }

    private static List<JsonNode> notifyTasks(JsonNode tasks) {
        List<JsonNode> notify = new ArrayList<>();
        tasks.forEach(task -> {
            if (task.get("action").asString().equals("NOTIFY")) {
                notify.add(task);
            }
        });
        return notify;
    }

    private String key(Role role) {
        return key(tenant, role);
    }

    private String key(Tenant owner, Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                owner.id(),
                () -> apiKeys.ensure(owner.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
