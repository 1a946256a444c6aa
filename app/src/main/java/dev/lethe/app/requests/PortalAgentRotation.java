package dev.lethe.app.requests;

import dev.lethe.ui.portal.PortalAgents;
import dev.lethe.vault.RewrappedOnRotation;
import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.WrappedDek;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * An authorized agent's details and proof, sealed by the portal ({@link PortalAgents}) under the same KMS as a
 * request's subject, follow a KEK rotation: the rotation keeps every version that still wraps one of their data
 * keys, and re-wraps them under the new primary through the {@code lethe_portal_agent_*} functions (V36), which
 * see every tenant's wrapped keys and nothing else. Each re-wrap is a compare-and-set. Thread-safe.
 */
final class PortalAgentRotation implements RewrappedOnRotation {

    private final DSLContext dsl;
    private final Sealing sealing;

    PortalAgentRotation(DSLContext dsl, Sealing sealing) {
        this.dsl = dsl;
        this.sealing = sealing;
    }

    @Override
    public Set<Integer> kekVersionsInUse() {
        return Set.copyOf(
                dsl.fetch("select * from lethe_portal_agent_kek_versions()").getValues(0, Integer.class));
    }

    @Override
    public long rewrapUnderPrimary(int batchSize) {
        int primary = sealing.primaryKekVersion();
        long rewrapped = 0;
        UUID after = null;
        while (true) {
            Result<Record> page = dsl.fetch(
                    "select * from lethe_portal_agent_wrapped_keys(?, cast(? as uuid), ?)",
                    primary,
                    DSL.val(after, SQLDataType.UUID),
                    batchSize);
            for (Record agent : page) {
                UUID tenant = agent.get("tenant_id", UUID.class);
                UUID request = agent.get("request_id", UUID.class);
                rewrapped += rewrap(
                        "lethe_portal_agent_rewrap_details",
                        tenant,
                        request,
                        PortalAgents.detailsRow(request),
                        agent.get("details_kek", Integer.class),
                        agent.get("details_key", byte[].class),
                        primary);
                rewrapped += rewrap(
                        "lethe_portal_agent_rewrap_proof",
                        tenant,
                        request,
                        PortalAgents.proofRow(request),
                        agent.get("proof_kek", Integer.class),
                        agent.get("proof_key", byte[].class),
                        primary);
            }
            if (page.size() < batchSize) {
                return rewrapped;
            }
            after = page.getLast().get("request_id", UUID.class);
        }
    }

    /** One data key re-wrapped, if it is there and not under the primary; 1 when it was replaced. */
    private int rewrap(
            String function, UUID tenant, UUID request, UUID row, Integer version, byte[] wrapped, int primary) {
        if (wrapped == null || version == null || version == primary) {
            return 0;
        }
        WrappedDek fresh = sealing.rewrap(tenant, row, new WrappedDek(version, wrapped));
        Object replaced = dsl.fetchValue(
                "select " + function + "(?, ?, ?, ?, ?, ?)",
                tenant,
                request,
                wrapped,
                version,
                fresh.ciphertext(),
                fresh.kekVersion());
        return Boolean.TRUE.equals(replaced) ? 1 : 0;
    }
}
