package dev.lethe.workflows.retention;

import static dev.lethe.catalog.jooq.Tables.RETENTION_RUN;
import static dev.lethe.catalog.jooq.Tables.RETENTION_RUN_TASK;
import static dev.lethe.catalog.jooq.Tables.RETENTION_SCHEDULE;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.jooq.tables.records.RetentionRunRecord;
import dev.lethe.catalog.jooq.tables.records.RetentionRunTaskRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The tenant's retention schedule and runs in PostgreSQL (tables {@code retention_schedule},
 * {@code retention_run}, {@code retention_run_task}, row-level security): what the API reads, and where a
 * run starts. Callers set the tenant ({@code TenantContext}). Thread-safe.
 */
public final class RetentionRuns {

    /** The actor of what a run records. */
    static final Actor RETENTION = Actor.system("retention");

    private static final int MAX_LIMIT = 1000;

    private final DSLContext dsl;
    private final AuditTrail trail;

    public RetentionRuns(DSLContext dsl, AuditTrail trail) {
        this.dsl = dsl;
        this.trail = trail;
    }

    /** The tenant's schedule, or {@link RetentionSchedule#DEFAULT} when it never set one. */
    public RetentionSchedule schedule(UUID tenantId) {
        return dsl.selectFrom(RETENTION_SCHEDULE)
                .where(RETENTION_SCHEDULE.TENANT_ID.eq(tenantId))
                .fetchOptional(row -> new RetentionSchedule(row.getRunAt(), ZoneId.of(row.getZone()), row.getEnabled()))
                .orElse(RetentionSchedule.DEFAULT);
    }

    /** Sets the tenant's schedule and audits it ({@code retention.schedule.changed}). */
    public RetentionSchedule setSchedule(Editor editor, RetentionSchedule schedule) {
        UUID tenantId = editor.tenantId();
        dsl.transaction(configuration -> {
            DSL.using(configuration)
                    .insertInto(RETENTION_SCHEDULE)
                    .set(RETENTION_SCHEDULE.TENANT_ID, tenantId)
                    .set(RETENTION_SCHEDULE.RUN_AT, schedule.runAt())
                    .set(RETENTION_SCHEDULE.ZONE, schedule.zone().getId())
                    .set(RETENTION_SCHEDULE.ENABLED, schedule.enabled())
                    .set(RETENTION_SCHEDULE.UPDATED_BY, editor.by())
                    .onConflict(RETENTION_SCHEDULE.TENANT_ID)
                    .doUpdate()
                    .set(RETENTION_SCHEDULE.RUN_AT, schedule.runAt())
                    .set(RETENTION_SCHEDULE.ZONE, schedule.zone().getId())
                    .set(RETENTION_SCHEDULE.ENABLED, schedule.enabled())
                    .set(RETENTION_SCHEDULE.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .set(RETENTION_SCHEDULE.UPDATED_BY, editor.by())
                    .execute();
            trail.append(new AuditEvent(
                    tenantId,
                    editor.actor(),
                    "retention.schedule.changed",
                    "retention-schedule",
                    Map.of(
                            "runAt", schedule.runAt().toString(),
                            "zone", schedule.zone().getId(),
                            "enabled", Boolean.toString(schedule.enabled()))));
        });
        return schedule(tenantId);
    }

    /**
     * The tenant's runs, newest first, with their tasks.
     *
     * @param after the last run of the previous page, or null for the first page
     */
    public List<RetentionRun> list(UUID tenantId, UUID after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be 1 to " + MAX_LIMIT);
        }
        Condition condition = RETENTION_RUN.TENANT_ID.eq(tenantId);
        if (after != null) {
            RetentionRunRecord last = dsl.selectFrom(RETENTION_RUN)
                    .where(RETENTION_RUN.TENANT_ID.eq(tenantId))
                    .and(RETENTION_RUN.ID.eq(after))
                    .fetchOptional()
                    .orElseThrow(() -> new InvalidInputException("after names no run of the tenant"));
            condition = condition.and(
                    DSL.row(RETENTION_RUN.STARTED_AT, RETENTION_RUN.ID).lt(last.getStartedAt(), last.getId()));
        }
        List<RetentionRunRecord> runs = dsl.selectFrom(RETENTION_RUN)
                .where(condition)
                .orderBy(RETENTION_RUN.STARTED_AT.desc(), RETENTION_RUN.ID.desc())
                .limit(limit)
                .fetch();
        Map<UUID, List<RunTask>> tasks =
                tasks(tenantId, runs.stream().map(RetentionRunRecord::getId).toList());
        return runs.stream()
                .map(run -> toRun(run, tasks.getOrDefault(run.getId(), List.of())))
                .toList();
    }

    public Optional<RetentionRun> find(UUID tenantId, UUID runId) {
        return dsl.selectFrom(RETENTION_RUN)
                .where(RETENTION_RUN.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN.ID.eq(runId))
                .fetchOptional()
                .map(run -> toRun(run, tasks(tenantId, List.of(runId)).getOrDefault(runId, List.of())));
    }

    /** The tenant's RUNNING run, if one runs. */
    public Optional<UUID> running(UUID tenantId) {
        return dsl.select(RETENTION_RUN.ID)
                .from(RETENTION_RUN)
                .where(RETENTION_RUN.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN.STATUS.eq(RunStatus.RUNNING.name()))
                .fetchOptional(RETENTION_RUN.ID);
    }

    /** When each policy was last enforced on each dataset (its latest DONE task). */
    public List<LastEnforcement> lastEnforced(UUID tenantId) {
        var at = DSL.max(RETENTION_RUN_TASK.FINISHED_AT);
        return dsl.select(
                        RETENTION_RUN_TASK.POLICY_ID,
                        RETENTION_RUN_TASK.SYSTEM_ID,
                        RETENTION_RUN_TASK.DATASET_ID,
                        RETENTION_RUN_TASK.DATASET,
                        at)
                .from(RETENTION_RUN_TASK)
                .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN_TASK.STATE.eq(TaskState.DONE.name()))
                .groupBy(
                        RETENTION_RUN_TASK.POLICY_ID,
                        RETENTION_RUN_TASK.SYSTEM_ID,
                        RETENTION_RUN_TASK.DATASET_ID,
                        RETENTION_RUN_TASK.DATASET)
                .orderBy(RETENTION_RUN_TASK.DATASET, RETENTION_RUN_TASK.POLICY_ID)
                .fetch(row -> new LastEnforcement(
                        row.value1(), row.value2(), row.value3(), row.value4(), instant(row.value5())));
    }

    /**
     * Records a new RUNNING run and audits it ({@code retention.run.started}).
     *
     * @param policyIds the policies to enforce; empty: every active one
     * @throws RunInProgressException when one of the tenant's runs is RUNNING
     */
    public RetentionRun start(
            UUID tenantId, RunTrigger trigger, Actor requestedBy, Instant plannedFor, Set<UUID> policyIds) {
        UUID id = UUID.randomUUID();
        try {
            dsl.transaction(configuration -> {
                DSL.using(configuration)
                        .insertInto(RETENTION_RUN)
                        .set(RETENTION_RUN.ID, id)
                        .set(RETENTION_RUN.TENANT_ID, tenantId)
                        .set(RETENTION_RUN.TRIGGER, trigger.name())
                        .set(RETENTION_RUN.REQUESTED_BY, requestedBy.id())
                        .set(RETENTION_RUN.POLICY_IDS, policyIds.isEmpty() ? null : policyIds.toArray(UUID[]::new))
                        .set(RETENTION_RUN.PLANNED_FOR, plannedFor.atOffset(ZoneOffset.UTC))
                        .set(RETENTION_RUN.STATUS, RunStatus.RUNNING.name())
                        .execute();
                trail.append(new AuditEvent(
                        tenantId,
                        requestedBy,
                        "retention.run.started",
                        "retention-run:" + id,
                        Map.of(
                                "trigger",
                                trigger.name(),
                                "plannedFor",
                                plannedFor.toString(),
                                "policies",
                                policyIds.isEmpty()
                                        ? "all"
                                        : policyIds.stream()
                                                .map(UUID::toString)
                                                .sorted()
                                                .collect(Collectors.joining(",")))));
            });
        } catch (RuntimeException e) {
            // jOOQ's or Spring's translation of it, depending on the caller's configuration.
            if (!oneRunningAlready(e)) {
                throw e;
            }
            throw new RunInProgressException(running(tenantId).orElse(null));
        }
        return find(tenantId, id).orElseThrow();
    }

    /** Whether PostgreSQL refused the insert for the tenant's one RUNNING run (unique violation). */
    private static boolean oneRunningAlready(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The policies a run was asked for; empty: every active one. */
    Set<UUID> policyIds(UUID tenantId, UUID runId) {
        UUID[] ids = dsl.select(RETENTION_RUN.POLICY_IDS)
                .from(RETENTION_RUN)
                .where(RETENTION_RUN.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN.ID.eq(runId))
                .fetchOne(RETENTION_RUN.POLICY_IDS);
        return ids == null ? Set.of() : Set.of(ids);
    }

    /** Every RUNNING run in every tenant (tenant, run): what is started again at start-up. */
    List<UUID[]> unfinished() {
        var tenant = DSL.field(DSL.name("tenant_id"), SQLDataType.UUID);
        var id = DSL.field(DSL.name("id"), SQLDataType.UUID);
        return dsl.select(tenant, id)
                .from(DSL.table("lethe_unfinished_retention_runs()"))
                .fetch(row -> new UUID[] {row.value1(), row.value2()});
    }

    private Map<UUID, List<RunTask>> tasks(UUID tenantId, List<UUID> runIds) {
        if (runIds.isEmpty()) {
            return Map.of();
        }
        return dsl
                .selectFrom(RETENTION_RUN_TASK)
                .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN_TASK.RUN_ID.in(runIds))
                .orderBy(RETENTION_RUN_TASK.RUN_ID, RETENTION_RUN_TASK.SEQ)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(
                        RetentionRunTaskRecord::getRunId,
                        Collectors.mapping(RetentionRuns::toTask, Collectors.toList())));
    }

    static RunTask toTask(RetentionRunTaskRecord task) {
        return new RunTask(
                task.getId(),
                task.getPolicyId(),
                task.getPolicyName(),
                task.getSystemId(),
                task.getConnectionId(),
                task.getDataset(),
                task.getClockField(),
                instant(task.getCutoff()),
                task.getAction(),
                TaskState.valueOf(task.getState()),
                task.getRecords(),
                task.getHeld(),
                task.getBatches(),
                task.getAttempts(),
                task.getReason(),
                instant(task.getStartedAt()),
                instant(task.getFinishedAt()));
    }

    private static RetentionRun toRun(RetentionRunRecord run, List<RunTask> tasks) {
        return new RetentionRun(
                run.getId(),
                RunTrigger.valueOf(run.getTrigger()),
                run.getRequestedBy(),
                instant(run.getPlannedFor()),
                instant(run.getStartedAt()),
                instant(run.getFinishedAt()),
                RunStatus.valueOf(run.getStatus()),
                tasks);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
