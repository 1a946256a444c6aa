package dev.lethe.workflows.retention;

import dev.lethe.catalog.change.Editor;
import java.util.Set;
import java.util.UUID;

/** What the application asks of retention runs: start one by hand, keep each tenant's schedule running. */
public interface RetentionControl {

    /**
     * Records a run (RUNNING) of the given policies, or of every active one when empty, and starts its
     * workflow.
     *
     * @param editor the tenant and who asked (recorded as the run's requester and in the audit chain)
     * @throws RunInProgressException when one of the tenant's runs is RUNNING
     */
    RetentionRun runNow(Editor editor, Set<UUID> policyIds);

    /** Starts the tenant's schedule workflow unless it runs already. Idempotent. */
    void ensureScheduled(UUID tenantId);

    /** Tells the tenant's schedule workflow that its schedule changed (it reads it again). */
    void scheduleChanged(UUID tenantId);

    /**
     * Starts again the workflow of every RUNNING run, in every tenant (the embedded Temporal server forgets
     * its workflows when it stops, PostgreSQL does not); each continues from its tasks' recorded states.
     *
     * @return how many runs it started (or found running)
     */
    int resumeUnfinished();
}
