package dev.lethe.workflows.retention;

import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetKind;
import dev.lethe.catalog.retention.ClockKind;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.RetentionAction;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.taxonomy.Categories;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.workflows.systems.ConnectedSystem;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the tenant's enabled retention policies into a run's tasks, from plain catalog records (no I/O):
 * a dataset policy targets its dataset, a category policy every dataset with a field in its category; each
 * task goes through the first connection of the dataset's system that can purge. A policy that cannot be
 * enforced as configured still gets its task, with the state and reason that say why: no connection that
 * can purge (SKIPPED), an EVENT clock on a topic (SKIPPED), a clock field the dataset does not have
 * (FAILED), an EVENT clock on a dataset without identity fields (FAILED), nothing to anonymize (FAILED), a
 * legal hold (HELD).
 *
 * <p>An EVENT clock is the subject's last activity: its {@code clock} names the activity field (resolved
 * like a FIELD clock), and a record expires when no record of its subject — matched by an identity value in
 * the catalog's identity fields — in any of the policy's datasets has an activity at or after the cutoff.
 */
final class RetentionPlanner {

    /** Why an EVENT clock is not enforced on a topic (the Kafka connector refuses it too). */
    static final String EVENT_CLOCK_ON_TOPIC = "a topic can only lose a prefix of each partition: the records of"
            + " inactive subjects cannot be purged apart from those of active ones (an EVENT clock); use a FIELD"
            + " clock on the record timestamp";

    static final String EVENT_CLOCK_WITHOUT_IDENTITIES = "the dataset has no identity fields in the catalog:"
            + " its records cannot be matched to their subjects' last activity (an EVENT clock)";
    /** The record timestamp of a topic, which is not a field of its values. */
    static final String TOPIC_CLOCK = "timestamp";

    private RetentionPlanner() {}

    /**
     * @param anonymizeWith per policy id, what ANONYMIZE writes ({@code NULL}, {@code MASK}, {@code HASH});
     *     missing: {@code NULL}
     * @param now the run's moment; cutoffs are {@code now} in {@code zone} minus each policy's period
     */
    static List<PlannedTask> plan(
            Collection<RetentionPolicy> policies,
            Map<java.util.UUID, String> anonymizeWith,
            Collection<Dataset> datasets,
            Collection<LegalHold> holds,
            Collection<ConnectedSystem> connections,
            ZoneId zone,
            Instant now) {
        List<PlannedTask> tasks = new ArrayList<>();
        for (RetentionPolicy policy : policies) {
            if (!policy.enabled()) {
                continue;
            }
            Instant cutoff = cutoff(policy.period(), zone, now);
            for (Dataset dataset : targets(policy, datasets)) {
                tasks.add(task(
                        policy,
                        anonymizeWith.getOrDefault(policy.id(), "NULL"),
                        dataset,
                        holds,
                        connections,
                        cutoff,
                        now));
            }
        }
        return tasks;
    }

    /** {@code now} in the zone minus the ISO period ({@code P30D}, {@code P1M}, {@code P7Y}, {@code PT12H}). */
    static Instant cutoff(String period, ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return period.contains("T")
                ? local.minus(Duration.parse(period)).toInstant()
                : local.minus(Period.parse(period)).toInstant();
    }

    private static List<Dataset> targets(RetentionPolicy policy, Collection<Dataset> datasets) {
        return datasets.stream()
                .filter(dataset -> policy.datasetId() != null
                        ? policy.datasetId().equals(dataset.id())
                        : TaskHolds.fields(dataset).stream()
                                .anyMatch(field -> inCategory(field, policy.dataCategory())))
                .sorted(java.util.Comparator.comparing(Dataset::name).thenComparing(Dataset::id))
                .toList();
    }

    private static PlannedTask task(
            RetentionPolicy policy,
            String strategy,
            Dataset dataset,
            Collection<LegalHold> holds,
            Collection<ConnectedSystem> connections,
            Instant cutoff,
            Instant now) {
        Optional<ConnectedSystem> connection = connections.stream()
                .filter(system -> system.systemId().equals(dataset.systemId()) && system.can(Capability.PURGE))
                .findFirst();
        boolean event = policy.clockKind() == ClockKind.EVENT;
        Optional<String> clock =
                event && dataset.kind() == DatasetKind.TOPIC ? Optional.empty() : clockField(policy, dataset);
        List<AnonymizedField> anonymize = policy.action() == RetentionAction.ANONYMIZE
                ? anonymized(policy, strategy, dataset, clock.orElse(null))
                : List.of();
        PlannedTask task = new PlannedTask(
                policy.id(),
                policy.name(),
                dataset.systemId(),
                connection.map(ConnectedSystem::connectionId).orElse(null),
                dataset.id(),
                dataset.name(),
                clock.orElse(null),
                policy.clockKind(),
                cutoff,
                policy.action().name(),
                anonymize,
                TaskState.PENDING,
                null);
        if (event && dataset.kind() == DatasetKind.TOPIC) {
            return task.withState(TaskState.SKIPPED, EVENT_CLOCK_ON_TOPIC);
        }
        if (clock.isEmpty()) {
            return task.withState(
                    TaskState.FAILED,
                    "the " + (event ? "activity" : "clock") + " field '" + policy.clock()
                            + "' is not a field of the dataset in the catalog");
        }
        if (event && TaskHolds.identityFields(dataset).isEmpty()) {
            return task.withState(TaskState.FAILED, EVENT_CLOCK_WITHOUT_IDENTITIES);
        }
        if (policy.action() == RetentionAction.ANONYMIZE && anonymize.isEmpty()) {
            return task.withState(
                    TaskState.FAILED, "the dataset has no fields of the policy's categories to anonymize");
        }
        Optional<LegalHold> hold = TaskHolds.covering(dataset, task.action(), anonymize, holds, now);
        if (hold.isPresent()) {
            return task.withState(TaskState.HELD, TaskHolds.reason(hold.get()));
        }
        if (connection.isEmpty()) {
            boolean connected =
                    connections.stream().anyMatch(system -> system.systemId().equals(dataset.systemId()));
            return task.withState(
                    TaskState.SKIPPED,
                    connected ? "no connection of the system can purge" : "the system has no connection");
        }
        return task;
    }

    /**
     * The clock field's path in the dataset: for a dataset policy {@code dataset.field} or {@code field}; for
     * a category policy the field of that name (or the part after the first dot) in each dataset.
     */
    static Optional<String> clockField(RetentionPolicy policy, Dataset dataset) {
        String clock = policy.clock().strip();
        List<String> candidates = new ArrayList<>();
        if (clock.startsWith(dataset.name() + ".")) {
            candidates.add(clock.substring(dataset.name().length() + 1));
        }
        candidates.add(clock);
        if (policy.datasetId() == null && clock.contains(".")) {
            candidates.add(clock.substring(clock.indexOf('.') + 1));
        }
        List<String> paths = new ArrayList<>(
                TaskHolds.fields(dataset).stream().map(DataField::path).toList());
        if (dataset.kind() == DatasetKind.TOPIC) {
            // A topic's records carry their time outside the value: the Kafka connector's clock.
            paths.add(TOPIC_CLOCK);
        }
        return candidates.stream().filter(paths::contains).findFirst();
    }

    /**
     * A category policy anonymizes the dataset's fields in its category; a dataset policy every field with a
     * data category (personal data), each by its first category. Never the clock field: it is what finds the
     * expired records.
     */
    private static List<AnonymizedField> anonymized(
            RetentionPolicy policy, String strategy, Dataset dataset, String clock) {
        return TaskHolds.fields(dataset).stream()
                .filter(field -> !field.categories().isEmpty() && !field.path().equals(clock))
                .filter(field -> policy.dataCategory() == null || inCategory(field, policy.dataCategory()))
                .map(field -> new AnonymizedField(
                        field.path(),
                        policy.dataCategory() != null
                                ? field.categories().stream()
                                        .filter(code -> Categories.within(code, policy.dataCategory()))
                                        .findFirst()
                                        .orElseThrow()
                                : field.categories().getFirst(),
                        strategy))
                .toList();
    }

    /** A field is in a policy's category when one of its categories is that category or lies under it. */
    private static boolean inCategory(DataField field, String category) {
        return field.categories().stream().anyMatch(code -> Categories.within(code, category));
    }
}
