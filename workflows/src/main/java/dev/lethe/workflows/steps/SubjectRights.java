package dev.lethe.workflows.steps;

import static dev.lethe.catalog.jooq.Tables.PROCESSING_ACTIVITY;

import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.PurposeChecks;
import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SubjectRestrictions;
import dev.lethe.workflows.run.RequestRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Records what an approved restriction (Art. 18) or objection (Art. 21) gives the subject, once the
 * request is approved and before (or without) any system: the restriction, or the objection to its
 * purpose, which the purpose checks answer from from then on; for an objection also the catalog's data
 * flows that serve the purpose, now stopped for the subject ({@code request.flows_stopped}, ids only),
 * and, for both, the subject's hashes as ingest sees them, so that streams mark the subject's records.
 * A request that found the subject in no system still records them. Idempotent.
 */
final class SubjectRights {

    private final RequestStore store;
    private final SubjectRestrictions restrictions;
    private final DataFlows flows;
    private final DSLContext dsl;
    private final Vault vault;

    SubjectRights(RequestStore store, SubjectRestrictions restrictions, DataFlows flows, DSLContext dsl, Vault vault) {
        this.vault = vault;
        this.store = store;
        this.restrictions = restrictions;
        this.flows = flows;
        this.dsl = dsl;
    }

    void approved(RequestRef ref) {
        UUID tenant = ref.tenantId();
        RequestSnapshot request = store.snapshot(tenant, ref.requestId());
        switch (request.type()) {
            case RESTRICTION -> restrictions.restrict(tenant, ref.requestId(), streamHashes(ref));
            case OBJECTION -> {
                String purpose = store.subject(tenant, ref.requestId()).purpose();
                restrictions.object(tenant, ref.requestId(), purpose, streamHashes(ref));
                Map<UUID, String> activityPurposes = dsl.select(
                                PROCESSING_ACTIVITY.ID, PROCESSING_ACTIVITY.PURPOSE_CODE)
                        .from(PROCESSING_ACTIVITY)
                        .where(PROCESSING_ACTIVITY.TENANT_ID.eq(tenant))
                        .fetchMap(PROCESSING_ACTIVITY.ID, PROCESSING_ACTIVITY.PURPOSE_CODE);
                List<PurposeChecks.FlowRef> stopped =
                        PurposeChecks.serving(purpose.strip(), flows.list(tenant), activityPurposes);
                Map<String, String> details = new LinkedHashMap<>();
                details.put("purpose", purpose.strip());
                details.put("count", Integer.toString(stopped.size()));
                details.put(
                        "flows",
                        stopped.stream().map(flow -> flow.id().toString()).collect(Collectors.joining(",")));
                store.recordEvent(tenant, ref.requestId(), "request.flows_stopped", details);
            }
            default -> {
                // Other types give the subject nothing to record before their systems run.
            }
        }
    }

    /**
     * The subject's identities hashed as ingest hashes a stream's subject field: the vault's subject hash
     * of the bare value, as typed and as systems usually keep it.
     */
    private Set<String> streamHashes(RequestRef ref) {
        String tenant = ref.tenantId().toString();
        Identities typed = store.identities(ref.tenantId(), ref.requestId());
        Set<String> values = new TreeSet<>();
        typed.values().values().forEach(value -> values.add(value.strip()));
        values.addAll(IdentityHashes.asSystemsKeepThem(typed).values().values());
        Set<String> hashes = new TreeSet<>();
        values.forEach(value -> hashes.add(vault.subjectHash(tenant, value).hex()));
        return hashes;
    }
}
