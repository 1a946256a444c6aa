package dev.lethe.app.dashboard;

import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST_SYSTEM;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Requests with chosen dates and statuses, written as the database owner: the API files a request
 * now and its workflow moves it on, while the dashboard's figures need requests received weeks ago and
 * standing still in a known status. No workflow runs for these rows (the reconciler starts unfinished
 * requests only at start-up). The subject is left empty: the pages under test never open it.
 */
final class RequestScene {

    private final DSLContext owner;
    private final UUID tenantId;

    RequestScene(DSLContext owner, UUID tenantId) {
        this.owner = owner;
        this.tenantId = tenantId;
    }

    /** An open request. */
    UUID open(RequestType type, RequestStatus status, Instant receivedAt, Instant dueAt) {
        return insert(type, status, receivedAt, dueAt, null);
    }

    /** A request that reached {@code status} (a final one) at {@code closedAt}. */
    UUID closed(RequestType type, RequestStatus status, Instant receivedAt, Instant closedAt) {
        return insert(type, status, receivedAt, receivedAt.plus(java.time.Duration.ofDays(30)), closedAt);
    }

    /** Records that the request runs through {@code count} systems. */
    void systems(UUID requestId, int count) {
        for (int i = 0; i < count; i++) {
            owner.insertInto(REQUEST_SYSTEM)
                    .set(REQUEST_SYSTEM.TENANT_ID, tenantId)
                    .set(REQUEST_SYSTEM.REQUEST_ID, requestId)
                    .set(REQUEST_SYSTEM.CONNECTION_ID, UUID.randomUUID())
                    .set(REQUEST_SYSTEM.STATE, "PENDING")
                    .execute();
        }
    }

    private UUID insert(RequestType type, RequestStatus status, Instant receivedAt, Instant dueAt, Instant closedAt) {
        UUID id = UUID.randomUUID();
        owner.insertInto(REQUEST)
                .set(REQUEST.ID, id)
                .set(REQUEST.TENANT_ID, tenantId)
                .set(REQUEST.TYPE, type.name())
                .set(REQUEST.STATUS, status.name())
                .set(REQUEST.HELD_STATUS, status == RequestStatus.ON_HOLD ? RequestStatus.IN_PROGRESS.name() : null)
                .set(REQUEST.REGULATION, "GDPR")
                .set(REQUEST.CHANNEL, "API")
                .set(REQUEST.CREATED_BY, "test:scene")
                .set(REQUEST.IDENTITY_TYPES, new String[] {"email"})
                .set(REQUEST.IDENTITY_HASHES, new String[] {"hash-" + id})
                .set(REQUEST.SUBJECT, new byte[0])
                .set(REQUEST.SUBJECT_DEK, new byte[0])
                .set(REQUEST.KEK_VERSION, 1)
                .set(REQUEST.RECEIVED_AT, receivedAt.atOffset(ZoneOffset.UTC))
                .set(REQUEST.DUE_AT, dueAt.atOffset(ZoneOffset.UTC))
                .set(REQUEST.CLOSED_AT, closedAt == null ? null : closedAt.atOffset(ZoneOffset.UTC))
                .execute();
        return id;
    }
}
