package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStatus;
import io.temporal.activity.ActivityInterface;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a request's workflow reads and does outside itself: its whole I/O. Arguments and results
 * are ids, states and counts — never the subject's identities or records, because Temporal keeps them
 * in its history in clear. Implementations read identities from the store ({@code
 * RequestLedger.identities}) inside the activity.
 *
 * <p>Every method is idempotent, keyed by the request (and the system where there is one): Temporal
 * retries an activity after a timeout or a worker crash, and a workflow started again by the
 * reconciler repeats the step it was in. Failures: throw a retryable exception for what may pass (a
 * system unreachable, a timeout); throw {@code ApplicationFailure.newNonRetryableFailure} for what
 * will not (a system refuses the request, the plan no longer fits). Failure messages end up in the
 * history too: they must not contain personal data.
 *
 * <p>Long activities heartbeat ({@code Activity.getExecutionContext().heartbeat}) and stop when a
 * heartbeat reports the activity cancelled: {@link #scope}, {@link #runSystem}, {@link #collect},
 * {@link #verifySystem} and {@link #assemblePackage} run with a heartbeat timeout.
 *
 * <p>Who changes what: the store's people-facing side (approve, deny, hold, release, cancel, extend,
 * retry and skip a system, complete a task) writes PostgreSQL and signals the workflow {@code
 * changed}; the workflow reads {@link #snapshot} again. Only an officer's retry increments {@code
 * SystemProgress.attempts}; these activities never do.
 */
@ActivityInterface
public interface RequestActivities {

    /**
     * The request as it is now (also used for the request a duplicate is linked to). Read-only.
     *
     * @throws io.temporal.failure.ApplicationFailure non-retryable if the request is unknown
     */
    RequestSnapshot snapshot(RequestRef ref);

    /**
     * Moves the request to {@code next}, with {@code note} in its timeline. Idempotent: already there
     * → false, nothing recorded again.
     *
     * @return whether it moved; false also when the lifecycle does not allow the move from where the
     *     request is now (it was held or canceled meanwhile) — the workflow then reads it again
     */
    boolean transition(RequestRef ref, RequestStatus next, String note);

    /**
     * Finds the subject in every connected system (the locator, and {@code locate} on each
     * connection whose datasets carry a matching identity) and records per system its progress
     * ({@code PENDING} with the found count, or {@code SKIPPED} with "nothing found") and, for an
     * erasure, its plan. Idempotent: scoping again replaces what an earlier call recorded, for
     * systems that have not started.
     */
    ScopeSummary scope(RequestRef ref);

    /**
     * Does the request's work in one system (erase by the recorded plan, stream records into the
     * package, correct, restrict, record an objection) and records the system {@code RUNNING}, then
     * {@code DONE} with its counts or {@code WAITING} with the pending operation. Heartbeats while it
     * runs; stops when cancelled. Idempotent per (request, system): a second run after a crash or a
     * retry by an officer repeats the work without doing it twice (erasing what is gone is a no-op; a
     * package part is rewritten whole; a manual task is not created twice).
     *
     * @throws io.temporal.failure.ApplicationFailure non-retryable when the system refuses for good
     */
    SystemOutcome runSystem(RequestRef ref, UUID connectionId);

    /**
     * For a system that was {@code WAITING}: whether its manual task or callback has arrived (read
     * from the store); records {@code DONE} when it has. Idempotent; safe to call when nothing
     * arrived (answers {@code WAITING} again) and when the system is done already (answers {@code
     * DONE}).
     *
     * @throws io.temporal.failure.ApplicationFailure non-retryable when the task or callback reports
     *     that it could not be done
     */
    SystemOutcome collect(RequestRef ref, UUID connectionId);

    /**
     * Records one system {@code FAILED} with the reason (no personal data) after its activity failed
     * for good; a privacy officer then retries or skips it. Idempotent: replaces the reason. Does
     * nothing when an officer skipped the system meanwhile (a skip is not undone by the run it cut
     * short).
     */
    void failSystem(RequestRef ref, UUID connectionId, String reason);

    /**
     * Erasure: crypto-shreds the subject's keys in the vault and removes the subject's locator
     * entries. Idempotent: shredding what is shredded, removing what is gone, does nothing.
     */
    void shred(RequestRef ref);

    /**
     * Erasure: locates the subject again in one system and checks that nothing the plan erases is
     * left; records the result for the receipt. Read-only towards the system; idempotent.
     */
    Verification verifySystem(RequestRef ref, UUID connectionId);

    /**
     * Access and export: builds the package from the parts the systems wrote (plus the Art. 15(1)
     * facts for access). Idempotent: assembling again replaces the package.
     */
    PackageSummary assemblePackage(RequestRef ref);

    /**
     * Erasure: issues the signed receipt and chains it into the audit log. Idempotent: once issued,
     * a second call answers the same receipt and signs nothing.
     */
    ReceiptSummary issueReceipt(RequestRef ref);

    /**
     * Erasure, rectification, restriction (Art. 19): tells the request's recipients that are not told
     * yet (a manual task for each one without a connection), settles those that acknowledged (their
     * connection's step is done, their task was completed) and answers where they stand. Called when
     * the request's own systems are settled. Idempotent: opens no task twice, records nothing twice.
     */
    RecipientSummary recipients(RequestRef ref);

    /**
     * Clears the results that systems sent back for the request and that were kept, sealed, in {@code
     * pending_operation} (a webhook's callback or answer: for access, the subject's records) until the
     * retried operation collected them. Called once the request needs them no more: its package is
     * assembled or its receipt issued, just before it completes (an officer may retry a failed system
     * until then, and that retry collects again), or once a person denied or canceled it. The rows stay,
     * {@code COMPLETED} without a result, so a callback is still refused as used. Idempotent: clearing
     * what is cleared changes nothing.
     *
     * @return how many results this call cleared
     */
    int releaseResults(RequestRef ref);

    /**
     * Appends an event to the request's timeline and the audit chain ({@code request.reminder},
     * {@code request.overdue}, …), details without personal data. Idempotent on (request, kind,
     * details): the same event recorded again is not appended twice — so the workflow puts what makes
     * an event distinct (the due date it warns of, the lead time) into its details.
     */
    void recordEvent(RequestRef ref, String kind, Map<String, String> details);
}
