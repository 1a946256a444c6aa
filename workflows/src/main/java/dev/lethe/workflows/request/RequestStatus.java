package dev.lethe.workflows.request;

/**
 * Where a request is in its lifecycle. {@code RECEIVED → (IDENTITY_UNVERIFIED → VERIFIED) →
 * AWAITING_APPROVAL → APPROVED | DENIED → IN_PROGRESS → VERIFYING → COMPLETED |
 * COMPLETED_WITH_EXCEPTIONS}; {@code ON_HOLD} and {@code CANCELED} at any point before completion.
 */
public enum RequestStatus {
    RECEIVED,
    /** Filed on the public portal; waits until the person proves they control the identity. */
    IDENTITY_UNVERIFIED,
    VERIFIED,
    AWAITING_APPROVAL,
    APPROVED,
    DENIED,
    IN_PROGRESS,
    VERIFYING,
    COMPLETED,
    /** Done, but something was retained or could not be done; the result says what and why. */
    COMPLETED_WITH_EXCEPTIONS,
    /** A legal hold stops the request until it is released. */
    ON_HOLD,
    CANCELED;

    /** Whether nothing more will happen to the request. */
    public boolean closed() {
        return this == DENIED || this == COMPLETED || this == COMPLETED_WITH_EXCEPTIONS || this == CANCELED;
    }
}
