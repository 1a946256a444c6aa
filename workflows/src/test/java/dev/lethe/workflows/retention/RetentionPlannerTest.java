package dev.lethe.workflows.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetKind;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.retention.ClockKind;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.RetentionAction;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.workflows.systems.ConnectedSystem;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-31T22:30:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final UUID SHOP = UUID.randomUUID();
    private static final UUID CRM = UUID.randomUUID();

    private final Dataset orders = dataset(
            SHOP,
            "public.orders",
            field("created_at", List.of(), null),
            field("email", List.of("contact.email"), "email"),
            field("total", List.of(), null),
            field("ip", List.of("online.ip"), null, FieldStatus.REJECTED));
    private final Dataset contacts = dataset(
            CRM, "contacts", field("updated_at", List.of(), null), field("mail", List.of("contact.email"), "email"));
    private final ConnectedSystem shopDb = connection(SHOP, Set.of(Capability.PURGE, Capability.ERASE));
    private final List<ConnectedSystem> connections = List.of(shopDb);

    @Test
    void aDatasetPolicyTargetsItsDatasetThroughAConnectionThatCanPurge() {
        RetentionPolicy policy = policy(orders.id(), null, "P30D", ClockKind.FIELD, "public.orders.created_at");

        List<PlannedTask> tasks = plan(List.of(policy), List.of());

        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(TaskState.PENDING);
            assertThat(task.dataset()).isEqualTo("public.orders");
            assertThat(task.clockField()).isEqualTo("created_at");
            assertThat(task.connectionId()).isEqualTo(shopDb.connectionId());
            assertThat(task.action()).isEqualTo("DELETE");
            assertThat(task.anonymize()).isEmpty();
        });
    }

    @Test
    void theCutoffIsNowInTheTenantsZoneMinusThePeriod() {
        // 00:30 on 1 April in Berlin (summer time): one month back is 00:30 on 1 March, in winter time.
        assertThat(RetentionPlanner.cutoff("P1M", BERLIN, NOW)).isEqualTo(Instant.parse("2026-02-28T23:30:00Z"));
        assertThat(RetentionPlanner.cutoff("PT12H", BERLIN, NOW)).isEqualTo(Instant.parse("2026-03-31T10:30:00Z"));
        assertThat(RetentionPlanner.cutoff("P7Y", ZoneId.of("UTC"), NOW))
                .isEqualTo(Instant.parse("2019-03-31T22:30:00Z"));
    }

    @Test
    void aCategoryPolicyTargetsEveryDatasetWithAFieldInItsCategoryAndSaysWhyOneIsNotRun() {
        RetentionPolicy policy = policy(null, "contact.email", "P1Y", ClockKind.FIELD, "created_at");

        List<PlannedTask> tasks = plan(List.of(policy), List.of());

        assertThat(tasks).extracting(PlannedTask::dataset).containsExactly("contacts", "public.orders");
        // contacts has no created_at, and its system no connection: the missing clock is what a person must fix.
        assertThat(tasks.get(0).state()).isEqualTo(TaskState.FAILED);
        assertThat(tasks.get(0).reason()).contains("clock field 'created_at'");
        assertThat(tasks.get(1).state()).isEqualTo(TaskState.PENDING);
    }

    @Test
    void aPolicyOrAHoldOnAParentCategoryCoversTheCategoriesUnderIt() {
        RetentionPolicy onContact = policy(null, "contact", "P1Y", ClockKind.FIELD, "created_at");
        RetentionPolicy onOrders = policy(orders.id(), null, "P30D", ClockKind.FIELD, "created_at");

        assertThat(plan(List.of(onContact), List.of()))
                .extracting(PlannedTask::dataset)
                .containsExactly("contacts", "public.orders");
        assertThat(plan(List.of(onOrders), List.of(hold(null, null, "contact", null, null))))
                .singleElement()
                .extracting(PlannedTask::state)
                .isEqualTo(TaskState.HELD);
    }

    @Test
    void aTopicsClockIsItsRecordTimestampThoughTheCatalogHasNoSuchField() {
        Dataset clicks =
                new Dataset(UUID.randomUUID(), SHOP, "clicks", DatasetKind.TOPIC, "clicks", "", null, List.of());
        RetentionPolicy policy = policy(clicks.id(), null, "P30D", ClockKind.FIELD, "timestamp");

        assertThat(RetentionPlanner.clockField(policy, clicks)).contains("timestamp");
        assertThat(RetentionPlanner.clockField(policy, orders)).isEmpty();
    }

    @Test
    void aDatasetWithoutAConnectionThatCanPurgeIsSkippedWithTheReason() {
        RetentionPolicy policy = policy(contacts.id(), null, "P1Y", ClockKind.FIELD, "updated_at");
        ConnectedSystem crmReadOnly = connection(CRM, Set.of(Capability.LOCATE));

        assertThat(plan(List.of(policy), List.of()))
                .singleElement()
                .extracting(PlannedTask::state, PlannedTask::reason)
                .containsExactly(TaskState.SKIPPED, "the system has no connection");
        assertThat(RetentionPlanner.plan(
                        List.of(policy), Map.of(), datasets(), List.of(), List.of(crmReadOnly), BERLIN, NOW))
                .singleElement()
                .extracting(PlannedTask::state, PlannedTask::reason)
                .containsExactly(TaskState.SKIPPED, "no connection of the system can purge");
    }

    @Test
    void anEventClockIsPlannedOnItsActivityFieldAndADisabledPolicyIsNot() {
        RetentionPolicy event = policy(orders.id(), null, "P30D", ClockKind.EVENT, "public.orders.created_at");
        RetentionPolicy disabled = new RetentionPolicy(
                UUID.randomUUID(),
                "off",
                orders.id(),
                null,
                "P1D",
                ClockKind.FIELD,
                "created_at",
                RetentionAction.DELETE,
                "0 0 3 * * *",
                false,
                null,
                null);

        assertThat(plan(List.of(event, disabled), List.of())).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(TaskState.PENDING);
            assertThat(task.clockKind()).isEqualTo(ClockKind.EVENT);
            assertThat(task.clockField()).isEqualTo("created_at");
            assertThat(task.connectionId()).isEqualTo(shopDb.connectionId());
        });
    }

    @Test
    void anEventClockNeedsItsActivityFieldAndIdentityFieldsAndIsNotEnforcedOnATopic() {
        Dataset anonymous = dataset(SHOP, "stats", field("seen_at", List.of(), null), field("city", List.of(), null));
        Dataset clicks = dataset(
                SHOP,
                DatasetKind.TOPIC,
                "clicks",
                field("seen_at", List.of(), null),
                field("email", List.of("contact.email"), "email"));
        RetentionPolicy missingField = policy(orders.id(), null, "P30D", ClockKind.EVENT, "last_login_at");
        RetentionPolicy noIdentities = policy(anonymous.id(), null, "P30D", ClockKind.EVENT, "seen_at");
        RetentionPolicy onTopic = policy(clicks.id(), null, "P30D", ClockKind.EVENT, "seen_at");

        List<PlannedTask> tasks = RetentionPlanner.plan(
                List.of(missingField, noIdentities, onTopic),
                Map.of(),
                List.of(orders, anonymous, clicks),
                List.of(),
                connections,
                BERLIN,
                NOW);

        assertThat(tasks)
                .extracting(PlannedTask::state, PlannedTask::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                TaskState.FAILED,
                                "the activity field 'last_login_at' is not a field of the dataset in the catalog"),
                        org.assertj.core.groups.Tuple.tuple(
                                TaskState.FAILED, RetentionPlanner.EVENT_CLOCK_WITHOUT_IDENTITIES),
                        org.assertj.core.groups.Tuple.tuple(TaskState.SKIPPED, RetentionPlanner.EVENT_CLOCK_ON_TOPIC));
    }

    @Test
    void anEventClockIsHeldLikeAFieldClock() {
        RetentionPolicy event = policy(orders.id(), null, "P30D", ClockKind.EVENT, "created_at");

        assertThat(plan(List.of(event), List.of(hold(null, null, "contact", null, null))))
                .singleElement()
                .extracting(PlannedTask::state)
                .isEqualTo(TaskState.HELD);
    }

    @Test
    void holdsOnTheSystemTheDatasetOrATouchedCategoryHoldTheTaskButSubjectHoldsDoNot() {
        RetentionPolicy policy = policy(orders.id(), null, "P30D", ClockKind.FIELD, "created_at");
        LegalHold onSystem = hold(SHOP, null, null, null, null);
        LegalHold onDataset = hold(null, orders.id(), null, null, null);
        LegalHold onCategory = hold(null, null, "contact.email", null, null);
        LegalHold onRejectedCategory = hold(null, null, "online.ip", null, null);
        LegalHold onSubject = hold(null, null, null, List.of("a".repeat(64)), null);
        LegalHold released = new LegalHold(
                UUID.randomUUID(), SHOP, null, null, null, "case", "officer", null, NOW.minusSeconds(1), null);
        LegalHold expired = hold(SHOP, null, null, null, NOW.minusSeconds(1));

        for (LegalHold hold : List.of(onSystem, onDataset, onCategory)) {
            assertThat(plan(List.of(policy), List.of(hold)))
                    .singleElement()
                    .extracting(PlannedTask::state, PlannedTask::reason)
                    .containsExactly(TaskState.HELD, "legal hold " + hold.id());
        }
        assertThat(plan(List.of(policy), List.of(onRejectedCategory, onSubject, released, expired)))
                .singleElement()
                .extracting(PlannedTask::state)
                .isEqualTo(TaskState.PENDING);
    }

    @Test
    void anonymizeErasesTheCategorysFieldsOrEveryPersonalFieldButNeverTheClock() {
        RetentionPolicy byCategory = new RetentionPolicy(
                UUID.randomUUID(),
                "emails",
                null,
                "contact.email",
                "P1Y",
                ClockKind.FIELD,
                "created_at",
                RetentionAction.ANONYMIZE,
                "0 0 3 * * *",
                true,
                null,
                null);
        Dataset withPersonalClock = dataset(
                SHOP,
                "visits",
                field("seen_at", List.of("online.activity"), null),
                field("ip", List.of("online.ip"), null),
                field("note", List.of(), null));
        RetentionPolicy byDataset = new RetentionPolicy(
                UUID.randomUUID(),
                "visits",
                withPersonalClock.id(),
                null,
                "P90D",
                ClockKind.FIELD,
                "seen_at",
                RetentionAction.ANONYMIZE,
                "0 0 3 * * *",
                true,
                null,
                null);

        List<PlannedTask> tasks = RetentionPlanner.plan(
                List.of(byCategory, byDataset),
                Map.of(byCategory.id(), "HASH", byDataset.id(), "MASK"),
                List.of(orders, withPersonalClock),
                List.of(),
                connections,
                BERLIN,
                NOW);

        assertThat(tasks.get(0).anonymize()).containsExactly(new AnonymizedField("email", "contact.email", "HASH"));
        assertThat(tasks.get(1).dataset()).isEqualTo("visits");
        assertThat(tasks.get(1).anonymize()).containsExactly(new AnonymizedField("ip", "online.ip", "MASK"));
    }

    @Test
    void theScheduleWakesAtItsTimeInItsZoneAcrossAClockChange() {
        RetentionSchedule schedule = new RetentionSchedule(LocalTime.of(3, 0), BERLIN, true);

        // 28 March 2026, 03:00 in Berlin is 02:00 UTC (winter time); the day after, 01:00 UTC (summer time).
        assertThat(schedule.nextRunAfter(Instant.parse("2026-03-28T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-28T02:00:00Z"));
        assertThat(schedule.nextRunAfter(Instant.parse("2026-03-28T02:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    }

    private List<PlannedTask> plan(List<RetentionPolicy> policies, List<LegalHold> holds) {
        return RetentionPlanner.plan(policies, Map.of(), datasets(), holds, connections, BERLIN, NOW);
    }

    private List<Dataset> datasets() {
        return List.of(orders, contacts);
    }

    private static RetentionPolicy policy(
            UUID datasetId, String category, String period, ClockKind clockKind, String clock) {
        return new RetentionPolicy(
                UUID.randomUUID(),
                "policy",
                datasetId,
                category,
                period,
                clockKind,
                clock,
                RetentionAction.DELETE,
                "0 0 3 * * *",
                true,
                null,
                null);
    }

    private static LegalHold hold(
            UUID systemId, UUID datasetId, String category, List<String> subjects, Instant heldUntil) {
        return new LegalHold(
                UUID.randomUUID(),
                systemId,
                datasetId,
                category,
                subjects,
                "case 17",
                "officer",
                heldUntil,
                null,
                null);
    }

    private static ConnectedSystem connection(UUID systemId, Set<Capability> capabilities) {
        return new ConnectedSystem(UUID.randomUUID(), systemId, "connection", "system", "postgresql", capabilities);
    }

    private static Dataset dataset(UUID systemId, String name, DataField... fields) {
        return dataset(systemId, DatasetKind.TABLE, name, fields);
    }

    private static Dataset dataset(UUID systemId, DatasetKind kind, String name, DataField... fields) {
        UUID id = UUID.randomUUID();
        List<DataField> withDataset = new ArrayList<>();
        for (DataField field : fields) {
            withDataset.add(new DataField(
                    field.id(),
                    id,
                    field.path(),
                    "text",
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
        return new Dataset(id, systemId, name, kind, name, "", null, withDataset);
    }

    private static DataField field(String path, List<String> categories, String identity) {
        return field(path, categories, identity, FieldStatus.CONFIRMED);
    }

    private static DataField field(String path, List<String> categories, String identity, FieldStatus status) {
        return new DataField(
                UUID.randomUUID(),
                null,
                path,
                "text",
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
