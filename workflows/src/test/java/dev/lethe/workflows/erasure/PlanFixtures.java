package dev.lethe.workflows.erasure;

import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetKind;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.erasure.ErasureRule;
import dev.lethe.catalog.erasure.Strategy;
import dev.lethe.catalog.retention.ClockKind;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.RetentionAction;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.subject.SubjectMapping;
import dev.lethe.catalog.taxonomy.LegalBasis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A small shop as plain catalog records: customers (identified by email), their orders, the orders' items
 * (children through references), support tickets with a free-text body, and a product list with no
 * identity. Tests add rules, holds and policies and decide the plan.
 */
final class PlanFixtures {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String SUBJECT = "a".repeat(64);
    static final UUID SYSTEM = UUID.randomUUID();

    final Dataset customers = dataset(
            "public.customers",
            field("id", "uuid", List.of(), "customer_id", FieldStatus.CONFIRMED),
            field("email", "text", List.of("contact.email"), "email", FieldStatus.CONFIRMED),
            field("name", "varchar(100)", List.of("identity.name"), null, FieldStatus.CONFIRMED),
            field("notes", "text", List.of("identity.name"), null, FieldStatus.CONFIRMED));
    final Dataset orders = dataset(
            "public.orders",
            field("id", "uuid", List.of(), null, FieldStatus.CONFIRMED),
            field("customer_id", "uuid", List.of(), null, FieldStatus.CONFIRMED),
            field("tax_id", "varchar(20)", List.of("government_id.tax"), null, FieldStatus.CONFIRMED),
            field("comment", "text", List.of("contact.phone"), null, FieldStatus.CONFIRMED));
    final Dataset items = dataset(
            "public.order_items",
            field("order_id", "uuid", List.of(), null, FieldStatus.CONFIRMED),
            field("sku", "varchar(20)", List.of(), null, FieldStatus.CONFIRMED));
    final Dataset products = dataset(
            "public.products", field("maker_email", "text", List.of("contact.email"), null, FieldStatus.CONFIRMED));

    final List<ErasureRule> rules = new ArrayList<>();
    final List<LegalHold> holds = new ArrayList<>();
    final List<RetentionPolicy> policies = new ArrayList<>();

    SystemErasurePlan decide() {
        Map<String, Map<String, String>> identities = new LinkedHashMap<>();
        identities.put(customers.name(), Map.of("id", "customer_id", "email", "email"));
        SubjectMapping mapping = new SubjectMapping(
                identities,
                List.of(
                        new SubjectMapping.Link(orders.name(), List.of("customer_id"), customers.name(), List.of("id")),
                        new SubjectMapping.Link(items.name(), List.of("order_id"), orders.name(), List.of("id"))),
                List.of(new SubjectMapping.Unconfirmed(orders.name(), "shipping_address", List.of("contact.address"))));
        return PlanDecisions.decide(new PlanInputs(
                SYSTEM,
                List.of(customers, orders, items, products),
                mapping,
                rules,
                holds,
                policies,
                Set.of(SUBJECT, "b".repeat(64)),
                NOW));
    }

    void rule(Dataset dataset, String field, Strategy strategy, String reason) {
        rules.add(new ErasureRule(UUID.randomUUID(), dataset.id(), null, field, strategy, reason, null, null, null));
    }

    void categoryRule(String category, Strategy strategy, String reason) {
        rules.add(new ErasureRule(UUID.randomUUID(), null, category, null, strategy, reason, null, null, null));
    }

    LegalHold hold(UUID system, UUID dataset, String category, List<String> subject, Instant until, Instant released) {
        LegalHold hold = new LegalHold(
                UUID.randomUUID(),
                system,
                dataset,
                category,
                subject,
                "case 2026-17",
                "officer",
                until,
                released,
                null);
        holds.add(hold);
        return hold;
    }

    void legalObligation(UUID dataset, String category) {
        policies.add(new RetentionPolicy(
                UUID.randomUUID(),
                "tax records",
                dataset,
                category,
                "P10Y",
                ClockKind.FIELD,
                "created_at",
                RetentionAction.DELETE,
                "0 0 3 * * *",
                true,
                LegalBasis.LEGAL_OBLIGATION,
                null));
    }

    private static Dataset dataset(String name, DataField... fields) {
        UUID id = UUID.randomUUID();
        List<DataField> withDataset = new ArrayList<>();
        for (DataField field : fields) {
            withDataset.add(new DataField(
                    field.id(),
                    id,
                    field.path(),
                    field.dataType(),
                    field.categories(),
                    field.identityType(),
                    field.status(),
                    null,
                    null,
                    null,
                    0,
                    null,
                    null,
                    null));
        }
        return new Dataset(id, SYSTEM, name, DatasetKind.TABLE, name, "", null, withDataset);
    }

    private static DataField field(
            String path, String type, List<String> categories, String identity, FieldStatus status) {
        return new DataField(
                UUID.randomUUID(),
                null,
                path,
                type,
                categories,
                identity,
                status,
                null,
                null,
                null,
                0,
                null,
                null,
                null);
    }
}
