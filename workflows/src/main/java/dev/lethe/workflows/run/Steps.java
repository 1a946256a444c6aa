package dev.lethe.workflows.run;

import static dev.lethe.workflows.run.DataSubjectRequestWorkflowImpl.allSettled;

import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The step each status calls for; each returns the request as read again after it. */
final class Steps {

    /**
     * The change that added Art. 19 recipients: workflows that started before it (their history has no
     * marker) keep the old path, so a running request replays as it ran.
     */
    static final String RECIPIENTS_CHANGE = "art19-recipients";

    /**
     * The change that clears the systems' kept results when a request ends: workflows that started before
     * it (no marker in their history) replay without the step.
     */
    static final String RELEASE_RESULTS_CHANGE = "release-collected-results";

    private final RequestView view;
    private final RequestActivities store;
    private final RequestActivities systems;
    private final RequestActivities longer;
    private final RequestRef ref;
    private final Duration recheck;
    private long exceptions;

    Steps(
            RequestView view,
            RequestActivities store,
            RequestActivities systems,
            RequestActivities longer,
            RequestRef ref,
            Duration recheck) {
        this.view = view;
        this.store = store;
        this.systems = systems;
        this.longer = longer;
        this.ref = ref;
        this.recheck = recheck;
    }

    RequestSnapshot next(RequestSnapshot request) {
        return switch (request.status()) {
            case RECEIVED, VERIFIED -> request.linkedTo() != null ? followOriginal(request) : scope();
            case APPROVED -> move(RequestStatus.IN_PROGRESS, "approved; running in every system");
            case IN_PROGRESS -> fanOut(request);
            case VERIFYING -> verify(request);
            // Waits for a person: identity proof, approval or denial, release of a hold.
            case IDENTITY_UNVERIFIED, AWAITING_APPROVAL, ON_HOLD -> view.awaitChange(recheck);
            case DENIED, COMPLETED, COMPLETED_WITH_EXCEPTIONS, CANCELED -> request;
        };
    }

    private RequestSnapshot move(RequestStatus next, String note) {
        store.transition(ref, next, note);
        return view.refresh();
    }

    private RequestSnapshot scope() {
        ScopeSummary scope = longer.scope(ref);
        return move(RequestStatus.AWAITING_APPROVAL, "scoped: " + scope.systems() + " systems");
    }

    /**
     * A duplicate waits while the request it duplicates is open. When that one completed, the
     * duplicate is answered by it; when it was denied or canceled, the duplicate runs on its own, so
     * that filing first cannot block a real subject's request.
     */
    private RequestSnapshot followOriginal(RequestSnapshot request) {
        RequestSnapshot original = store.snapshot(new RequestRef(ref.tenantId(), request.linkedTo()));
        if (!original.status().closed()) {
            return view.awaitChange(recheck);
        }
        boolean answered = original.status() == RequestStatus.COMPLETED
                || original.status() == RequestStatus.COMPLETED_WITH_EXCEPTIONS;
        if (answered && store.transition(ref, original.status(), "answered by the request it duplicates")) {
            return view.refresh();
        }
        return scope();
    }

    private RequestSnapshot fanOut(RequestSnapshot request) {
        SystemFanOut fanOut = new SystemFanOut(view, store, systems, ref, recheck);
        if (!fanOut.run(request)) {
            return view.latest();
        }
        exceptions += fanOut.exceptions();
        RequestSnapshot now = view.refresh();
        if (now.status() != RequestStatus.IN_PROGRESS || !allSettled(now)) {
            return now; // held meanwhile (waits), or a system was retried again (runs again)
        }
        RecipientSummary recipients = RecipientSummary.NONE;
        if (tellsRecipients(now)) {
            // The request's own work is done: its recipients are told now. An erasure does not wait for
            // them before shredding (that would keep the subject's keys alive for a third party's answer);
            // it waits before its receipt. The other types wait here.
            recipients = store.recipients(ref);
            if (now.type() != RequestType.ERASURE && recipients.open() > 0) {
                return view.awaitChange(recheck);
            }
        }
        if (now.type() == RequestType.ERASURE) {
            store.shred(ref);
            return move(RequestStatus.VERIFYING, "erased in every system; keys shredded, locator entries removed");
        }
        if (now.type().producesPackage()) {
            longer.assemblePackage(ref);
        }
        return complete(now, recipients.waived());
    }

    /** Whether this request tells recipients (Art. 19); never for a workflow that started before the change. */
    private static boolean tellsRecipients(RequestSnapshot request) {
        return request.type().notifiesRecipients()
                && Workflow.getVersion(RECIPIENTS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    private RequestSnapshot verify(RequestSnapshot request) {
        List<Promise<Verification>> checks = new ArrayList<>();
        for (SystemProgress progress : request.systems()) {
            if (progress.state() == SystemState.DONE) {
                checks.add(Async.function(systems::verifySystem, ref, progress.connectionId()));
            }
        }
        long unverified = checks.stream().filter(check -> !verified(check)).count();
        RequestSnapshot now = view.refresh();
        if (now.status() != RequestStatus.VERIFYING) {
            return now; // held or canceled meanwhile
        }
        long waived = 0;
        if (tellsRecipients(now)) {
            // The receipt is issued once every recipient acknowledged or was waived by an officer.
            RecipientSummary recipients = store.recipients(ref);
            while (recipients.open() > 0) {
                now = view.awaitChange(recheck);
                if (now.status() != RequestStatus.VERIFYING) {
                    return now; // held or canceled meanwhile; verified again after a release
                }
                recipients = store.recipients(ref);
            }
            waived = recipients.waived();
        }
        ReceiptSummary receipt = store.issueReceipt(ref);
        return complete(now, receipt.exceptions() + unverified + waived);
    }

    /** A check that failed for good after its retries counts as not verified: an exception, not a stop. */
    private static boolean verified(Promise<Verification> check) {
        try {
            return check.get().verified();
        } catch (ActivityFailure failure) {
            return false;
        }
    }

    /**
     * Clears what systems sent back and the request kept (sealed) until it was collected. Not earlier:
     * until the request completes, an officer may retry a system that failed after its result arrived,
     * and that retry collects it again; before the final move, so a crash in between leaves the request
     * open and the reconciler's run clears again.
     */
    void releaseResults() {
        if (Workflow.getVersion(RELEASE_RESULTS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
            store.releaseResults(ref);
        }
    }

    private RequestSnapshot complete(RequestSnapshot request, long more) {
        releaseResults();
        long skipped = request.systems().stream()
                .filter(DataSubjectRequestWorkflowImpl::skippedWithFindings)
                .count();
        long total = exceptions + more + skipped;
        return total == 0
                ? move(RequestStatus.COMPLETED, "completed in every system")
                : move(RequestStatus.COMPLETED_WITH_EXCEPTIONS, total + " exceptions; see the systems and the result");
    }
}
