package dev.lethe.workflows.retention;

import static dev.lethe.catalog.jooq.Tables.RETENTION_RUN;
import static dev.lethe.catalog.jooq.Tables.RETENTION_RUN_TASK;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.jooq.tables.records.RetentionRunRecord;
import dev.lethe.catalog.jooq.tables.records.RetentionRunTaskRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's tasks as its activities record them. Every method is idempotent: planning a run twice keeps the
 * first plan, finishing a finished task or run changes nothing. Callers set the tenant. Thread-safe.
 */
final class RunLedger {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<AnonymizedField>> FIELDS = new TypeReference<>() {};

    private final DSLContext dsl;
    private final AuditTrail trail;

    RunLedger(DSLContext dsl, AuditTrail trail) {
        this.dsl = dsl;
        this.trail = trail;
    }

    private <T> T transaction(Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> work.apply(DSL.using(configuration)));
    }

    RetentionRunRecord run(UUID tenantId, UUID runId) {
        return dsl.selectFrom(RETENTION_RUN)
                .where(RETENTION_RUN.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN.ID.eq(runId))
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("retention run " + runId));
    }

    /** The run's tasks, planned by {@code planner} the first time only (the run row is locked meanwhile). */
    List<TaskRef> plan(UUID tenantId, UUID runId, Supplier<List<PlannedTask>> planner) {
        return transaction(tx -> {
            tx.selectFrom(RETENTION_RUN)
                    .where(RETENTION_RUN.TENANT_ID.eq(tenantId))
                    .and(RETENTION_RUN.ID.eq(runId))
                    .forUpdate()
                    .fetchOptional()
                    .orElseThrow(() -> new NotFoundException("retention run " + runId));
            if (tx.fetchExists(RETENTION_RUN_TASK, RETENTION_RUN_TASK.RUN_ID.eq(runId))) {
                return refs(tx, tenantId, runId);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            int seq = 0;
            for (PlannedTask task : planner.get()) {
                boolean finished = task.state().finished();
                tx.insertInto(RETENTION_RUN_TASK)
                        .set(RETENTION_RUN_TASK.ID, UUID.randomUUID())
                        .set(RETENTION_RUN_TASK.RUN_ID, runId)
                        .set(RETENTION_RUN_TASK.TENANT_ID, tenantId)
                        .set(RETENTION_RUN_TASK.SEQ, seq++)
                        .set(RETENTION_RUN_TASK.POLICY_ID, task.policyId())
                        .set(RETENTION_RUN_TASK.POLICY_NAME, task.policyName())
                        .set(RETENTION_RUN_TASK.SYSTEM_ID, task.systemId())
                        .set(RETENTION_RUN_TASK.CONNECTION_ID, task.connectionId())
                        .set(RETENTION_RUN_TASK.DATASET_ID, task.datasetId())
                        .set(RETENTION_RUN_TASK.DATASET, task.dataset())
                        .set(RETENTION_RUN_TASK.CLOCK_FIELD, task.clockField())
                        .set(RETENTION_RUN_TASK.CLOCK_KIND, task.clockKind().name())
                        .set(RETENTION_RUN_TASK.CUTOFF, task.cutoff().atOffset(ZoneOffset.UTC))
                        .set(RETENTION_RUN_TASK.ACTION, task.action())
                        .set(RETENTION_RUN_TASK.ANONYMIZE, JSONB.valueOf(JSON.writeValueAsString(task.anonymize())))
                        .set(RETENTION_RUN_TASK.STATE, task.state().name())
                        .set(RETENTION_RUN_TASK.REASON, task.reason())
                        .set(RETENTION_RUN_TASK.FINISHED_AT, finished ? now : null)
                        .execute();
            }
            return refs(tx, tenantId, runId);
        });
    }

    private static List<TaskRef> refs(DSLContext tx, UUID tenantId, UUID runId) {
        return tx.select(RETENTION_RUN_TASK.ID, RETENTION_RUN_TASK.SYSTEM_ID, RETENTION_RUN_TASK.STATE)
                .from(RETENTION_RUN_TASK)
                .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN_TASK.RUN_ID.eq(runId))
                .orderBy(RETENTION_RUN_TASK.SEQ)
                .fetch(row -> new TaskRef(
                        row.value1(),
                        row.value2() == null ? row.value1() : row.value2(),
                        TaskState.valueOf(row.value3())));
    }

    RetentionRunTaskRecord task(UUID tenantId, UUID taskId) {
        return dsl.selectFrom(RETENTION_RUN_TASK)
                .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN_TASK.ID.eq(taskId))
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("retention task " + taskId));
    }

    /** The run's tasks of one policy, in plan order (an EVENT clock reads its subjects' activity in each). */
    List<RetentionRunTaskRecord> policyTasks(UUID tenantId, UUID runId, UUID policyId) {
        return dsl.selectFrom(RETENTION_RUN_TASK)
                .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN_TASK.RUN_ID.eq(runId))
                .and(RETENTION_RUN_TASK.POLICY_ID.eq(policyId))
                .orderBy(RETENTION_RUN_TASK.SEQ)
                .fetch();
    }

    static List<AnonymizedField> anonymize(RetentionRunTaskRecord task) {
        return JSON.readValue(task.getAnonymize().data(), FIELDS);
    }

    /** An attempt begins: RUNNING, one attempt more, started now (the first time). */
    void begin(UUID tenantId, UUID taskId) {
        dsl.update(RETENTION_RUN_TASK)
                .set(RETENTION_RUN_TASK.STATE, TaskState.RUNNING.name())
                .set(RETENTION_RUN_TASK.ATTEMPTS, RETENTION_RUN_TASK.ATTEMPTS.plus(1))
                .set(
                        RETENTION_RUN_TASK.STARTED_AT,
                        DSL.coalesce(RETENTION_RUN_TASK.STARTED_AT, DSL.currentOffsetDateTime()))
                .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN_TASK.ID.eq(taskId))
                .execute();
    }

    /** Keeps the count of expired records taken before the first attempt (the first count stays). */
    long expired(UUID tenantId, UUID taskId, long counted) {
        dsl.update(RETENTION_RUN_TASK)
                .set(RETENTION_RUN_TASK.EXPIRED, counted)
                .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN_TASK.ID.eq(taskId))
                .and(RETENTION_RUN_TASK.EXPIRED.isNull())
                .execute();
        return task(tenantId, taskId).getExpired();
    }

    /**
     * Records how a task ended, once: a task already finished stays as it was (a retried activity whose
     * first attempt recorded its end). A DONE task is audited ({@code retention.policy.enforced}).
     */
    void finish(UUID tenantId, UUID taskId, TaskState state, long records, long held, int batches, String reason) {
        transaction(tx -> {
            RetentionRunTaskRecord task = tx.selectFrom(RETENTION_RUN_TASK)
                    .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                    .and(RETENTION_RUN_TASK.ID.eq(taskId))
                    .forUpdate()
                    .fetchOptional()
                    .orElseThrow(() -> new NotFoundException("retention task " + taskId));
            if (TaskState.valueOf(task.getState()).finished()) {
                return null;
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            task.setState(state.name());
            task.setRecords(records);
            task.setHeld(held);
            task.setBatches(batches);
            task.setReason(reason);
            task.setFinishedAt(now);
            task.store();
            if (state == TaskState.DONE) {
                OffsetDateTime started = task.getStartedAt() == null ? now : task.getStartedAt();
                trail.append(new AuditEvent(
                        tenantId,
                        RetentionRuns.RETENTION,
                        "retention.policy.enforced",
                        "retention-run:" + task.getRunId(),
                        Map.of(
                                "policy", task.getPolicyId().toString(),
                                "system", String.valueOf(task.getSystemId()),
                                "dataset", task.getDataset(),
                                "action", task.getAction(),
                                "clock", task.getClockKind(),
                                "records", Long.toString(records),
                                "held", Long.toString(held),
                                "cutoff", task.getCutoff().toInstant().toString(),
                                "duration", Duration.between(started, now).toString())));
            }
            return null;
        });
    }

    /**
     * Ends the run, once: COMPLETED, or COMPLETED_WITH_FAILURES when a task (or Lethe's own data) failed,
     * with its summary counts; audited ({@code retention.run.finished}).
     *
     * @return the run's status (as recorded before, when it had ended already)
     */
    RunStatus finish(UUID tenantId, UUID runId, boolean ownDataFailed) {
        return transaction(tx -> {
            RetentionRunRecord run = locked(tx, tenantId, runId);
            if (RunStatus.valueOf(run.getStatus()).finished()) {
                return RunStatus.valueOf(run.getStatus());
            }
            List<RetentionRunTaskRecord> tasks = tx.selectFrom(RETENTION_RUN_TASK)
                    .where(RETENTION_RUN_TASK.TENANT_ID.eq(tenantId))
                    .and(RETENTION_RUN_TASK.RUN_ID.eq(runId))
                    .fetch();
            int failed = (int) tasks.stream()
                    .filter(task -> !TaskState.valueOf(task.getState()).finished()
                            || TaskState.valueOf(task.getState()) == TaskState.FAILED)
                    .count();
            RunStatus status = failed > 0 || ownDataFailed ? RunStatus.COMPLETED_WITH_FAILURES : RunStatus.COMPLETED;
            long records =
                    tasks.stream().mapToLong(RetentionRunTaskRecord::getRecords).sum();
            long held =
                    tasks.stream().mapToLong(RetentionRunTaskRecord::getHeld).sum();
            run.setStatus(status.name());
            run.setFinishedAt(OffsetDateTime.now(ZoneOffset.UTC));
            run.setTasks(tasks.size());
            run.setFailed(failed);
            run.setRecords(records);
            run.setHeld(held);
            run.store();
            trail.append(new AuditEvent(
                    tenantId,
                    RetentionRuns.RETENTION,
                    "retention.run.finished",
                    "retention-run:" + runId,
                    Map.of(
                            "status", status.name(),
                            "tasks", Integer.toString(tasks.size()),
                            "failed", Integer.toString(failed),
                            "records", Long.toString(records),
                            "held", Long.toString(held),
                            "ownData", ownDataFailed ? "FAILED" : "DONE")));
            return status;
        });
    }

    /** Ends a run that could not be planned, once: FAILED with the reason, audited. */
    RunStatus abandon(UUID tenantId, UUID runId, String reason) {
        return transaction(tx -> {
            RetentionRunRecord run = locked(tx, tenantId, runId);
            if (RunStatus.valueOf(run.getStatus()).finished()) {
                return RunStatus.valueOf(run.getStatus());
            }
            run.setStatus(RunStatus.FAILED.name());
            run.setFinishedAt(OffsetDateTime.now(ZoneOffset.UTC));
            run.store();
            trail.append(new AuditEvent(
                    tenantId,
                    RetentionRuns.RETENTION,
                    "retention.run.finished",
                    "retention-run:" + runId,
                    Map.of("status", RunStatus.FAILED.name(), "reason", reason)));
            return RunStatus.FAILED;
        });
    }

    /** The run's row, locked for the rest of the transaction: its end is recorded once. */
    private static RetentionRunRecord locked(DSLContext tx, UUID tenantId, UUID runId) {
        return tx.selectFrom(RETENTION_RUN)
                .where(RETENTION_RUN.TENANT_ID.eq(tenantId))
                .and(RETENTION_RUN.ID.eq(runId))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("retention run " + runId));
    }
}
