package dev.lethe.ui.requests;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.ui.connectors.callback.ManualTasks;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.packages.StoredPackage;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.receipt.SignedReceipt;
import dev.lethe.workflows.request.RequestDetail;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.RequestSummary;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.steps.RequestOperations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a request's page shows, gathered from the same services the API calls: the request and its
 * systems, its subject's identities masked, the manual tasks it waits for, its package and receipt, and
 * its audit trail — with people named as the shell names them rather than by their ids.
 */
@Component
class RequestPageModel {

    private static final Logger log = LoggerFactory.getLogger(RequestPageModel.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int AUDIT_ENTRIES = 100;
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One identity of the subject: its type and its value masked. */
    record MaskedIdentity(String type, String masked) {}

    /** One line of the timeline or the audit trail, its actor named for people. */
    record Event(Instant at, String actor, String what, String details, String reason) {}

    /** One dataset's line of an erasure receipt. */
    record ReceiptLine(
            String system, String dataset, long found, long erased, long retained, String why, String remaining) {}

    /** The signed erasure receipt as the page shows it; {@code signatureValid} checked against the audit key. */
    record ReceiptView(
            Instant issuedAt,
            String sha256,
            boolean signatureValid,
            List<ReceiptLine> lines,
            List<String> exceptions) {}

    /** Everything the page and its live progress show. */
    record RequestPage(
            RequestDetail detail,
            List<MaskedIdentity> identities,
            long daysLeft,
            boolean terminal,
            boolean filedByViewer,
            String filedBy,
            String approvedBy,
            List<ManualTasks.ManualTask> tasks,
            StoredPackage pkg,
            ReceiptView receipt,
            List<Event> timeline,
            List<Event> audit) {

        public RequestSummary request() {
            return detail.request();
        }

        public boolean overdue() {
            return !terminal && daysLeft < 0;
        }

        public boolean awaitingApproval() {
            return request().status() == RequestStatus.AWAITING_APPROVAL;
        }

        /** Whether the viewer filed this erasure, so that another officer has to approve it. */
        public boolean needsAnotherApprover() {
            return filedByViewer && request().type() == RequestType.ERASURE;
        }

        /** The name of the system a task's connection ({@code connectionId}) reaches, as the systems table shows it. */
        public String systemOf(String connectionId) {
            return detail.systems().stream()
                    .map(RequestDetail.SystemView::progress)
                    .filter(system -> system.connectionId().toString().equals(connectionId))
                    .map(system -> system.name())
                    .findFirst()
                    .orElse(connectionId);
        }

        /** The badge's class for a request's or a system's state: ok, warn or bad. */
        public String badge(Enum<?> state) {
            return switch (state.name()) {
                case "COMPLETED", "DONE", "APPROVED" -> "ok";
                case "AWAITING_APPROVAL", "WAITING", "ON_HOLD", "COMPLETED_WITH_EXCEPTIONS", "SKIPPED" -> "warn";
                case "DENIED", "FAILED", "CANCELED" -> "bad";
                default -> "";
            };
        }

        /** A state as people read it: {@code AWAITING_APPROVAL} → "awaiting approval". */
        public String words(Enum<?> state) {
            return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** A time as the page shows it, in UTC to the minute. */
        public String time(Instant instant) {
            return instant == null ? "" : MINUTES.format(instant);
        }
    }

    private final RequestManagement requests;
    private final RequestStore store;
    private final ManualTasks tasks;
    private final RequestPackages packages;
    private final Receipts receipts;
    private final AuditTrail audit;
    private final Accounts accounts;
    private final Clock clock = Clock.systemUTC();

    RequestPageModel(
            RequestManagement requests,
            RequestStore store,
            ManualTasks tasks,
            RequestPackages packages,
            Receipts receipts,
            AuditTrail audit,
            Accounts accounts) {
        this.requests = requests;
        this.store = store;
        this.tasks = tasks;
        this.packages = packages;
        this.receipts = receipts;
        this.audit = audit;
        this.accounts = accounts;
    }

    /** The page of the tenant's request {@code id} as {@code viewer} ({@code <kind>:<id>}) sees it. */
    RequestPage page(UUID tenantId, UUID id, String viewer, boolean withHistory) {
        RequestDetail detail = requests.find(tenantId, id).orElseThrow(() -> new NotFoundException("request " + id));
        RequestSummary request = detail.request();
        Names names = new Names(tenantId);
        boolean terminal = request.status().closed();
        long daysLeft =
                Math.floorDiv(Duration.between(clock.instant(), request.dueAt()).toHours(), 24);
        return new RequestPage(
                detail,
                identities(tenantId, id),
                daysLeft,
                terminal,
                request.createdBy().equals(viewer),
                names.of(request.createdBy()),
                detail.decisions().approvedBy() == null
                        ? null
                        : names.of(detail.decisions().approvedBy()),
                tasks.ofOperation(tenantId, RequestOperations.operationId(id)),
                request.type().producesPackage() ? packages.latest(tenantId, id).orElse(null) : null,
                receipt(tenantId, id),
                withHistory ? timeline(detail, names) : List.of(),
                withHistory ? audit(tenantId, id, names) : List.of());
    }

    /** The subject's identities, masked; only their types when the sealed subject does not open. */
    private List<MaskedIdentity> identities(UUID tenantId, UUID id) {
        try {
            Identities identities = store.identities(tenantId, id);
            return new TreeMap<>(identities.values())
                    .entrySet().stream()
                            .map(identity -> new MaskedIdentity(
                                    identity.getKey(), IdentityMasks.mask(identity.getKey(), identity.getValue())))
                            .toList();
        } catch (IllegalStateException e) {
            log.warn(
                    "The subject of request {} does not open: {}",
                    id,
                    e.getClass().getSimpleName());
            return requests.find(tenantId, id).orElseThrow().request().identityTypes().stream()
                    .map(type -> new MaskedIdentity(type, "(sealed)"))
                    .toList();
        }
    }

    private ReceiptView receipt(UUID tenantId, UUID id) {
        SignedReceipt signed = receipts.find(tenantId, id).orElse(null);
        if (signed == null) {
            return null;
        }
        JsonNode receipt = JSON.readTree(signed.canonical());
        List<ReceiptLine> lines = new ArrayList<>();
        List<String> exceptions = new ArrayList<>();
        for (JsonNode system : receipt.path("systems")) {
            String name = system.path("system").asString();
            for (JsonNode dataset : system.path("datasets")) {
                String why = List.of("retainedReason", "heldBackReason").stream()
                        .map(field -> dataset.path(field))
                        .filter(node -> node.isString() && !node.asString().isBlank())
                        .map(JsonNode::asString)
                        .collect(Collectors.joining("; "));
                lines.add(new ReceiptLine(
                        name,
                        dataset.path("dataset").asString(),
                        dataset.path("found").asLong(),
                        dataset.path("erased").asLong(),
                        dataset.path("retained").asLong()
                                + dataset.path("heldBack").asLong(),
                        why,
                        dataset.path("remaining").isNumber()
                                ? Long.toString(dataset.path("remaining").asLong())
                                : "not verified"));
            }
            system.path("exceptions").forEach(exception -> exceptions.add(name + ": " + exception.asString()));
        }
        return new ReceiptView(
                signed.issuedAt(), signed.sha256(), receipts.check(signed).valid(), lines, exceptions);
    }

    private static List<Event> timeline(RequestDetail detail, Names names) {
        return detail.timeline().stream()
                .map(entry -> {
                    Map<String, String> details = new TreeMap<>(entry.details());
                    String reason = details.remove("reason");
                    return new Event(entry.at(), names.of(entry.actor()), entry.kind(), details(details), reason);
                })
                .toList();
    }

    private List<Event> audit(UUID tenantId, UUID id, Names names) {
        List<AuditEntry> entries =
                audit.page(tenantId, new AuditQuery(null, null, null, null, "request:" + id, null, AUDIT_ENTRIES));
        return entries.stream()
                .map(entry -> new Event(
                        entry.recordedAt(),
                        names.of(entry.actor().kind().name().toLowerCase(Locale.ROOT) + ":"
                                + entry.actor().id()),
                        entry.action(),
                        details(new TreeMap<>(entry.details())),
                        null))
                .toList();
    }

    private static String details(Map<String, String> details) {
        return details.entrySet().stream()
                .map(detail -> detail.getKey() + ": " + detail.getValue())
                .collect(Collectors.joining(", "));
    }

    /** People by their display names ({@code user:<id>}); keys and the system as they are. */
    private final class Names {
        private final UUID tenantId;
        private final Map<String, String> known = new HashMap<>();

        Names(UUID tenantId) {
            this.tenantId = tenantId;
        }

        String of(String principal) {
            if (principal == null || !principal.startsWith("user:")) {
                return principal;
            }
            return known.computeIfAbsent(principal, this::lookUp);
        }

        private String lookUp(String principal) {
            try {
                return accounts.find(tenantId, UUID.fromString(principal.substring("user:".length())))
                        .map(Account::displayName)
                        .filter(name -> !name.isBlank())
                        .orElse(principal);
            } catch (IllegalArgumentException e) {
                return principal;
            }
        }
    }
}
