package dev.lethe.workflows.retention;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.workflows.steps.Heartbeats;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The retention workflows' activities over the real parts. Each call acts as the run's tenant (row-level
 * security), and failures are classified once for Temporal: a system that is unavailable is retried, one
 * that refuses (or a dataset or connection gone) is not. Failure messages carry no personal data
 * (connectors guarantee it for theirs).
 */
public final class RetentionActivitiesImpl implements RetentionActivities {

    /** Failure types not retried: the task fails at once with the reason. */
    static final String REFUSED = "SystemRefused";

    static final String GONE = "Gone";
    static final String[] NOT_RETRIED = {REFUSED, GONE};

    private final RetentionParts parts;
    private final RunLedger ledger;
    private final RunPlanning planning;
    private final TaskPurging purging;
    private final OwnData ownData;
    private final RetentionMetrics metrics;

    private RetentionActivitiesImpl(RetentionParts parts) {
        this.parts = parts;
        this.ledger = new RunLedger(parts.dsl(), parts.trail());
        this.planning = new RunPlanning(parts);
        this.metrics = new RetentionMetrics(parts.meters());
        this.purging = new TaskPurging(parts, ledger, planning, metrics);
        this.ownData = new OwnData(parts);
    }

    public static RetentionActivitiesImpl over(RetentionParts parts) {
        return new RetentionActivitiesImpl(parts);
    }

    @Override
    public NextRun nextRun(UUID tenantId, long afterMillis) {
        return as(tenantId, () -> {
            RetentionSchedule schedule = parts.runs().schedule(tenantId);
            return new NextRun(
                    schedule.enabled(),
                    schedule.nextRunAfter(Instant.ofEpochMilli(afterMillis)).toEpochMilli());
        });
    }

    @Override
    public UUID startScheduled(UUID tenantId, long plannedForMillis) {
        return as(tenantId, () -> {
            Instant plannedFor = Instant.ofEpochMilli(plannedForMillis);
            metrics.scheduledLate(Duration.between(plannedFor, parts.clock().instant()));
            try {
                return parts.runs()
                        .start(tenantId, RunTrigger.SCHEDULED, RetentionRuns.RETENTION, plannedFor, Set.of())
                        .id();
            } catch (RunInProgressException running) {
                return null;
            }
        });
    }

    @Override
    public List<TaskRef> plan(RunRef run) {
        return as(
                run.tenantId(),
                () -> ledger.plan(
                        run.tenantId(),
                        run.runId(),
                        () -> planning.plan(
                                run.tenantId(),
                                parts.runs().policyIds(run.tenantId(), run.runId()),
                                parts.clock().instant())));
    }

    @Override
    public TaskState purge(RunRef run, UUID taskId) {
        return as(run.tenantId(), () -> Heartbeats.during(() -> purging.purge(run, taskId)));
    }

    @Override
    public void failTask(RunRef run, UUID taskId, String reason) {
        as(run.tenantId(), () -> {
            ledger.finish(run.tenantId(), taskId, TaskState.FAILED, 0, 0, 0, reason);
            metrics.failed();
            return null;
        });
    }

    @Override
    public void ownData(RunRef run) {
        as(
                run.tenantId(),
                () -> Heartbeats.during(() -> {
                    ownData.purge(run);
                    return null;
                }));
    }

    @Override
    public RunStatus finish(RunRef run, boolean ownDataFailed) {
        return as(run.tenantId(), () -> {
            boolean wasRunning = !RunStatus.valueOf(
                            ledger.run(run.tenantId(), run.runId()).getStatus())
                    .finished();
            RunStatus status = ledger.finish(run.tenantId(), run.runId(), ownDataFailed);
            if (wasRunning) {
                metrics.runFinished(status);
            }
            return status;
        });
    }

    @Override
    public RunStatus abandon(RunRef run, String reason) {
        return as(run.tenantId(), () -> {
            RunStatus status = ledger.abandon(run.tenantId(), run.runId(), reason);
            metrics.failed();
            metrics.runFinished(status);
            return status;
        });
    }

    private static <T> T as(UUID tenantId, Supplier<T> step) {
        try {
            return TenantContext.callAs(tenantId, step);
        } catch (ConnectorException e) {
            if (e.isRetriable()) {
                throw ApplicationFailure.newFailure(e.getMessage(), "SystemUnavailable");
            }
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REFUSED);
        } catch (NotFoundException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), GONE);
        } catch (OperationStoppedException e) {
            throw ApplicationFailure.newFailure("stopped: the worker stopped or the run was canceled", "Stopped");
        }
    }
}
