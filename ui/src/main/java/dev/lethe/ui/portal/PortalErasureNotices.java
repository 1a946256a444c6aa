package dev.lethe.ui.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.receipt.SignedReceipt;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The completion notice of a portal erasure: what its signed receipt says, per system and dataset, erased
 * and retained (with the reason the receipt gives: the rule's legal basis or the legal hold). Only counts,
 * names of systems and datasets, and reasons: the receipt names the subject by keyed hashes alone, and those
 * are not shown. What could not be done is counted, not quoted (a connector's error text is not for the
 * public page). Thread-safe.
 */
class PortalErasureNotices {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<RequestStatus> DONE =
            Set.of(RequestStatus.COMPLETED, RequestStatus.COMPLETED_WITH_EXCEPTIONS);

    /** One dataset of one system, as the receipt records it. */
    record Line(String system, String dataset, long erased, long retained, String reason) {}

    /** The notice: its lines, and how many things could not be done. */
    record Notice(List<Line> lines, int exceptions) {

        public boolean retainedAny() {
            return lines.stream().anyMatch(line -> line.retained() > 0);
        }
    }

    private final Receipts receipts;
    private final DSLContext dsl;

    PortalErasureNotices(Receipts receipts, DSLContext dsl) {
        this.receipts = receipts;
        this.dsl = dsl;
    }

    /** The notice of the verified erasure the status token names, once it is done and its receipt issued. */
    Optional<Notice> of(Tenant tenant, String token) {
        if (!PortalRequests.TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return TenantContext.callAs(tenant.id(), () -> {
            var request = dsl.select(REQUEST.ID, REQUEST.TYPE, REQUEST.STATUS)
                    .from(PORTAL_REQUEST)
                    .join(REQUEST)
                    .on(REQUEST.TENANT_ID.eq(PORTAL_REQUEST.TENANT_ID))
                    .and(REQUEST.ID.eq(PORTAL_REQUEST.REQUEST_ID))
                    .where(PORTAL_REQUEST.TENANT_ID.eq(tenant.id()))
                    .and(PORTAL_REQUEST.STATUS_TOKEN_HASH.eq(PortalRequests.sha256(token)))
                    .and(PORTAL_REQUEST.VERIFIED_AT.isNotNull())
                    .fetchOne();
            if (request == null
                    || RequestType.valueOf(request.value2()) != RequestType.ERASURE
                    || !DONE.contains(RequestStatus.valueOf(request.value3()))) {
                return Optional.<Notice>empty();
            }
            UUID id = request.value1();
            return receipts.find(tenant.id(), id).map(PortalErasureNotices::notice);
        });
    }

    static Notice notice(SignedReceipt signed) {
        JsonNode receipt = JSON.readTree(signed.canonical());
        List<Line> lines = new ArrayList<>();
        int exceptions = 0;
        for (JsonNode system : receipt.path("systems")) {
            String name = system.path("system").asString();
            for (JsonNode dataset : system.path("datasets")) {
                List<String> reasons = new ArrayList<>();
                for (String field : List.of("retainedReason", "heldBackReason")) {
                    JsonNode reason = dataset.path(field);
                    if (reason.isString() && !reason.asString().isBlank()) {
                        reasons.add(reason.asString());
                    }
                }
                lines.add(new Line(
                        name,
                        dataset.path("dataset").asString(),
                        dataset.path("erased").asLong(),
                        dataset.path("retained").asLong()
                                + dataset.path("heldBack").asLong(),
                        String.join("; ", reasons)));
            }
            exceptions += system.path("exceptions").size();
        }
        return new Notice(List.copyOf(lines), exceptions);
    }
}
