package dev.lethe.workflows.retention;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.retention.ClockKind;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The retention store on a migrated catalog as the application's role, under row-level security. */
@ExtendWith(LocalServicesExtension.class)
class RetentionRunsIT {

    private static final CheckpointSigner NO_CHECKPOINTS = new CheckpointSigner() {
        @Override
        public String keyId() {
            return "none";
        }

        @Override
        public byte[] sign(byte[] message) {
            throw new UnsupportedOperationException("no checkpoints in this test");
        }
    };
    private static final Instant PLANNED = Instant.parse("2026-06-01T01:00:00Z");

    private static DSLContext owner;
    private static RetentionRuns runs;
    private static RunLedger ledger;

    private UUID tenant;
    private Editor officer;

    @BeforeAll
    static void database() throws Exception {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_retention_runs");
        owner = database.owner();
        AuditTrail trail = new AuditTrail(database.app(), NO_CHECKPOINTS, 1_000_000);
        runs = new RetentionRuns(database.app(), trail);
        ledger = new RunLedger(database.app(), trail);
    }

    @BeforeEach
    void tenant() {
        tenant = new Tenants(owner)
                .create(UniqueNames.of("retention"), "Retention")
                .id();
        officer = new Editor(tenant, Actor.user("officer"));
    }

    @Test
    void aTenantWithoutAScheduleRunsAtThreeUtcAndAChangedScheduleIsKeptAndAudited() {
        assertThat(as(() -> runs.schedule(tenant))).isEqualTo(RetentionSchedule.DEFAULT);
        RetentionSchedule berlin = new RetentionSchedule(LocalTime.of(4, 30), ZoneId.of("Europe/Berlin"), false);

        as(() -> runs.setSchedule(officer, berlin));
        RetentionSchedule changed = as(() -> runs.setSchedule(officer, berlin));

        assertThat(changed).isEqualTo(berlin);
        assertThat(as(() -> runs.schedule(tenant))).isEqualTo(berlin);
        assertThat(actions()).containsExactly("retention.schedule.changed", "retention.schedule.changed");
    }

    @Test
    void aRunIsRecordedWithItsTasksAndASecondOneIsRefusedWhileItRuns() {
        RetentionRun run = as(() -> runs.start(tenant, RunTrigger.MANUAL, Actor.user("officer"), PLANNED, Set.of()));
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.requestedBy()).isEqualTo("officer");

        assertThatThrownBy(() -> as(
                        () -> runs.start(tenant, RunTrigger.SCHEDULED, Actor.system("retention"), PLANNED, Set.of())))
                .isInstanceOfSatisfying(
                        RunInProgressException.class,
                        e -> assertThat(e.runningRunId()).isEqualTo(run.id()));
        assertThat(as(() -> runs.running(tenant))).contains(run.id());

        PlannedTask task = task("public.orders", TaskState.PENDING, null);
        PlannedTask held = task("public.orders", TaskState.HELD, "legal hold 1");
        List<TaskRef> planned = as(() -> ledger.plan(tenant, run.id(), () -> List.of(task, held)));
        // Planning again keeps the first plan.
        assertThat(as(() -> ledger.plan(tenant, run.id(), List::of))).isEqualTo(planned);
        assertThat(planned).extracting(TaskRef::state).containsExactly(TaskState.PENDING, TaskState.HELD);

        UUID first = planned.getFirst().taskId();
        as(() -> {
            ledger.begin(tenant, first);
            assertThat(ledger.expired(tenant, first, 7)).isEqualTo(7);
            assertThat(ledger.expired(tenant, first, 3)).isEqualTo(7); // the first count stays
            ledger.finish(tenant, first, TaskState.DONE, 7, 2, 1, null);
            ledger.finish(tenant, first, TaskState.FAILED, 0, 0, 0, "late"); // finished once only
            return ledger.finish(tenant, run.id(), false);
        });

        RetentionRun done = as(() -> runs.find(tenant, run.id())).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.tasks())
                .extracting(RunTask::state, RunTask::records, RunTask::held, RunTask::attempts, RunTask::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TaskState.DONE, 7L, 2L, 1, null),
                        org.assertj.core.groups.Tuple.tuple(TaskState.HELD, 0L, 0L, 0, "legal hold 1"));
        assertThat(done.records()).isEqualTo(7);
        assertThat(as(() -> runs.lastEnforced(tenant))).singleElement().satisfies(last -> {
            assertThat(last.policyId()).isEqualTo(task.policyId());
            assertThat(last.dataset()).isEqualTo("public.orders");
            assertThat(last.enforcedAt()).isEqualTo(done.tasks().getFirst().finishedAt());
        });
        assertThat(actions())
                .containsExactly("retention.run.started", "retention.policy.enforced", "retention.run.finished");
        // Finished: the next run may start.
        assertThat(as(() -> runs.start(tenant, RunTrigger.SCHEDULED, Actor.system("retention"), PLANNED, Set.of())))
                .extracting(RetentionRun::status)
                .isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void runsAreListedNewestFirstInPages() {
        UUID older = finishedRun();
        UUID newer = finishedRun();

        assertThat(as(() -> runs.list(tenant, null, 10)))
                .extracting(RetentionRun::id)
                .containsExactly(newer, older);
        assertThat(as(() -> runs.list(tenant, null, 1)))
                .extracting(RetentionRun::id)
                .containsExactly(newer);
        assertThat(as(() -> runs.list(tenant, newer, 1)))
                .extracting(RetentionRun::id)
                .containsExactly(older);
    }

    @Test
    void anotherTenantSeesNoneOfTheRunsOrTheSchedule() {
        UUID run = finishedRun();
        as(() -> runs.setSchedule(officer, new RetentionSchedule(LocalTime.NOON, ZoneId.of("UTC"), false)));
        UUID other = new Tenants(owner).create(UniqueNames.of("other"), "Other").id();

        TenantContext.runAs(other, () -> {
            assertThat(runs.list(other, null, 10)).isEmpty();
            assertThat(runs.find(other, run)).isEmpty();
            assertThat(runs.list(tenant, null, 10)).isEmpty();
            assertThat(runs.find(tenant, run)).isEmpty();
            assertThat(runs.schedule(tenant)).isEqualTo(RetentionSchedule.DEFAULT);
            assertThat(runs.lastEnforced(tenant)).isEmpty();
        });
        // Without a tenant, nothing at all.
        assertThat(runs.list(tenant, null, 10)).isEmpty();
    }

    @Test
    void theUnfinishedRunsOfEveryTenantAreFoundForTheResumeAtStartUp() {
        RetentionRun running =
                as(() -> runs.start(tenant, RunTrigger.MANUAL, Actor.user("officer"), PLANNED, Set.of()));

        // No tenant needed: the function answers ids across tenants, nothing else.
        assertThat(runs.unfinished()).anySatisfy(row -> assertThat(row).containsExactly(tenant, running.id()));
    }

    private UUID finishedRun() {
        return as(() -> {
            UUID id = runs.start(tenant, RunTrigger.MANUAL, Actor.user("officer"), PLANNED, Set.of())
                    .id();
            ledger.finish(tenant, id, false);
            return id;
        });
    }

    private static PlannedTask task(String dataset, TaskState state, String reason) {
        return new PlannedTask(
                UUID.randomUUID(),
                "orders 30 days",
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                dataset,
                "created_at",
                ClockKind.FIELD,
                PLANNED.minusSeconds(86_400 * 30L),
                "DELETE",
                List.of(),
                state,
                reason);
    }

    private List<String> actions() {
        return owner.select(AUDIT_ENTRY.ACTION)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                .and(AUDIT_ENTRY.ACTION.startsWith("retention."))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(AUDIT_ENTRY.ACTION);
    }

    private <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }
}
