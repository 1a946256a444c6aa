package dev.lethe.workflows.request;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.processing.ProcessingActivity;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.TermKind;
import dev.lethe.connectors.spi.Identities;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers a processing system's question "may I use this subject for this purpose (or along this data
 * flow)?" from what requests recorded: an objection (Art. 21) to the purpose, or a restriction (Art. 18,
 * which allows storage only), says no. The subject is named by its identities, hashed at once with the
 * tenant's key ({@link IdentityHashes}): nothing of them is kept, logged or returned. A purpose Lethe
 * does not know is refused rather than answered "allowed" — a typo must not let processing through.
 * Also says which of the catalog's data flows serve the purpose: they are stopped for the subject.
 * Thread-safe.
 */
public final class PurposeChecks {

    private final SubjectRestrictions restrictions;
    private final IdentityHashes hashes;
    private final DataFlows flows;
    private final ProcessingActivities activities;
    private final Taxonomy taxonomy;

    public PurposeChecks(
            SubjectRestrictions restrictions,
            IdentityHashes hashes,
            DataFlows flows,
            ProcessingActivities activities,
            Taxonomy taxonomy) {
        this.restrictions = restrictions;
        this.hashes = hashes;
        this.flows = flows;
        this.activities = activities;
        this.taxonomy = taxonomy;
    }

    /** A data flow of the catalog, by id and name. */
    public record FlowRef(UUID id, String name) {}

    /**
     * The answer.
     *
     * @param purpose the purpose asked about (the flow's, when asked about a flow)
     * @param flowId the flow asked about, or null
     * @param allowed false when the subject objected to the purpose or is restricted
     * @param objected the subject objected to the purpose
     * @param restricted the subject's data is restricted: kept, not otherwise used
     * @param flows the catalog's data flows that serve the purpose (stopped for this subject unless allowed)
     */
    public record Answer(
            String purpose, UUID flowId, boolean allowed, boolean objected, boolean restricted, List<FlowRef> flows) {

        public Answer {
            flows = List.copyOf(flows);
        }
    }

    /**
     * @param purpose a purpose code of the tenant's taxonomy, or null when {@code flowId} is given
     * @param flowId a data flow of the catalog whose purpose (its own, else its processing activity's) is meant
     * @throws InvalidInputException neither or both given, no identity, an unknown purpose, a flow without purpose
     * @throws NotFoundException an unknown flow
     */
    public Answer check(UUID tenantId, Identities subject, String purpose, UUID flowId) {
        if (subject == null || subject.values().isEmpty()) {
            throw new InvalidInputException("identities: at least one identity of the subject");
        }
        if ((purpose == null || purpose.isBlank()) == (flowId == null)) {
            throw new InvalidInputException("give either purpose or flowId");
        }
        Map<UUID, String> byId = activityPurposes(tenantId);
        List<DataFlow> all = flows.list(tenantId);
        String asked;
        if (flowId != null) {
            DataFlow flow = all.stream()
                    .filter(candidate -> candidate.id().equals(flowId))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("data flow " + flowId));
            asked = purposeOf(flow, byId);
            if (asked == null) {
                throw new InvalidInputException(
                        "the data flow names no purpose, nor does its processing activity: ask by purpose");
            }
        } else {
            asked = purpose.strip();
            if (taxonomy.find(tenantId, TermKind.PURPOSE, asked).isEmpty()) {
                throw new InvalidInputException("purpose: not a purpose of the taxonomy: " + asked);
            }
        }
        Set<String> subjectHashes = Set.copyOf(hashes.of(tenantId, subject).values());
        boolean objected =
                restrictions.objectedPurposes(tenantId, subjectHashes).contains(asked);
        boolean restricted = restrictions.restricted(tenantId, subjectHashes);
        return new Answer(asked, flowId, !objected && !restricted, objected, restricted, serving(asked, all, byId));
    }

    private Map<UUID, String> activityPurposes(UUID tenantId) {
        return activities.list(tenantId).stream()
                .filter(activity -> activity.purpose() != null)
                .collect(Collectors.toMap(ProcessingActivity::id, ProcessingActivity::purpose));
    }

    /**
     * The data flows that serve {@code purpose}: their own purpose, or their processing activity's.
     *
     * @param activityPurposes processing activity id → its purpose code
     */
    public static List<FlowRef> serving(String purpose, List<DataFlow> all, Map<UUID, String> activityPurposes) {
        return all.stream()
                .filter(flow -> purpose.equals(purposeOf(flow, activityPurposes)))
                .map(flow -> new FlowRef(flow.id(), flow.name()))
                .sorted(Comparator.comparing(FlowRef::name))
                .toList();
    }

    /** A flow's own purpose, else its processing activity's. */
    static String purposeOf(DataFlow flow, Map<UUID, String> activityPurposes) {
        if (flow.purpose() != null && !flow.purpose().isBlank()) {
            return flow.purpose();
        }
        return flow.activityId() == null ? null : activityPurposes.get(flow.activityId());
    }
}
