package dev.lethe.workflows.request;

import static dev.lethe.workflows.request.RequestStatus.APPROVED;
import static dev.lethe.workflows.request.RequestStatus.AWAITING_APPROVAL;
import static dev.lethe.workflows.request.RequestStatus.CANCELED;
import static dev.lethe.workflows.request.RequestStatus.COMPLETED;
import static dev.lethe.workflows.request.RequestStatus.COMPLETED_WITH_EXCEPTIONS;
import static dev.lethe.workflows.request.RequestStatus.DENIED;
import static dev.lethe.workflows.request.RequestStatus.IDENTITY_UNVERIFIED;
import static dev.lethe.workflows.request.RequestStatus.IN_PROGRESS;
import static dev.lethe.workflows.request.RequestStatus.ON_HOLD;
import static dev.lethe.workflows.request.RequestStatus.RECEIVED;
import static dev.lethe.workflows.request.RequestStatus.VERIFIED;
import static dev.lethe.workflows.request.RequestStatus.VERIFYING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The request lifecycle's allowed moves, in one place. The forward path is {@code RECEIVED →
 * (IDENTITY_UNVERIFIED → VERIFIED) → AWAITING_APPROVAL → APPROVED | DENIED → IN_PROGRESS → (VERIFYING)
 * → COMPLETED | COMPLETED_WITH_EXCEPTIONS}; an access or export completes without VERIFYING, and a
 * failed verification goes back to IN_PROGRESS. {@code ON_HOLD} and {@code CANCELED} are allowed from
 * every open status; a request on hold leaves it only by a release (back to the status it had) or by
 * being cancelled. DENIED, COMPLETED, COMPLETED_WITH_EXCEPTIONS and CANCELED are final.
 */
public final class Lifecycle {

    private static final Map<RequestStatus, Set<RequestStatus>> FORWARD = new EnumMap<>(RequestStatus.class);

    static {
        FORWARD.put(RECEIVED, EnumSet.of(IDENTITY_UNVERIFIED, VERIFIED, AWAITING_APPROVAL));
        FORWARD.put(IDENTITY_UNVERIFIED, EnumSet.of(VERIFIED));
        FORWARD.put(VERIFIED, EnumSet.of(AWAITING_APPROVAL));
        FORWARD.put(AWAITING_APPROVAL, EnumSet.of(APPROVED, DENIED));
        FORWARD.put(APPROVED, EnumSet.of(IN_PROGRESS));
        FORWARD.put(IN_PROGRESS, EnumSet.of(VERIFYING, COMPLETED, COMPLETED_WITH_EXCEPTIONS));
        FORWARD.put(VERIFYING, EnumSet.of(IN_PROGRESS, COMPLETED, COMPLETED_WITH_EXCEPTIONS));
        FORWARD.put(ON_HOLD, EnumSet.noneOf(RequestStatus.class));
    }

    private Lifecycle() {}

    /** Whether a request in {@code from} may move to {@code to} (a release from hold excepted: see {@link #mayRelease}). */
    public static boolean allows(RequestStatus from, RequestStatus to) {
        if (from.closed() || from == to) {
            return false;
        }
        if (to == CANCELED) {
            return true;
        }
        if (to == ON_HOLD) {
            return from != ON_HOLD;
        }
        return FORWARD.getOrDefault(from, Set.of()).contains(to);
    }

    /** Whether a request on hold may return to {@code held}, the status it had when it was held. */
    public static boolean mayRelease(RequestStatus current, RequestStatus held) {
        return current == ON_HOLD && held != null && held != ON_HOLD && !held.closed();
    }

    /**
     * @throws IllegalStateException naming both statuses when the move is not allowed
     */
    public static void require(RequestStatus from, RequestStatus to) {
        if (!allows(from, to)) {
            throw new IllegalStateException("A request can't move from " + from + " to " + to);
        }
    }
}
