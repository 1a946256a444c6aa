package dev.lethe.ui.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_AGENT;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.jooq.tables.records.PortalAgentRecord;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.workflows.request.IdentitySealing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorized agents of requests filed on the portal: the agent's name and what authorizes them, and the
 * proof document they may upload (table {@code portal_agent}). Everything personal is sealed as a request's
 * subject is, each under a row id of its own in the associated data, so a sealed value moved to another
 * column or request does not open. The officer's page reads the name; a download of the proof is counted and
 * audited ({@code request.agent_proof.downloaded}). Every call acts as the given tenant under row-level
 * security. Thread-safe.
 */
public class PortalAgents {

    /** The largest proof document accepted: 2 MiB. */
    public static final int PROOF_MAX = 2 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    /**
     * An agent as the officer's page shows it.
     *
     * @param proofType the proof's media type, null without a proof
     * @param proofSize its size in bytes, 0 without a proof
     */
    public record Agent(String name, String relation, String proofType, int proofSize) {

        public boolean hasProof() {
            return proofType != null;
        }

        @Override
        public String toString() {
            return "Agent[proof " + proofType + "]";
        }
    }

    /** A proof document: its media type as its content shows, and its bytes. */
    public record Proof(String mediaType, byte[] bytes) {

        /** A file name that says nothing about whose it is. */
        public String fileName() {
            return switch (mediaType) {
                case "application/pdf" -> "agent-proof.pdf";
                case "image/png" -> "agent-proof.png";
                default -> "agent-proof.jpg";
            };
        }

        @Override
        public String toString() {
            return "Proof[" + mediaType + ", " + bytes.length + " bytes]";
        }
    }

    private final DSLContext dsl;
    private final IdentitySealing sealing;
    private final AuditTrail audit;

    PortalAgents(DSLContext dsl, IdentitySealing sealing, AuditTrail audit) {
        this.dsl = dsl;
        this.sealing = sealing;
        this.audit = audit;
    }

    /**
     * The media type of a proof document as its first bytes show: a PDF, PNG or JPEG, whatever its name or
     * declared type says; empty for anything else (an HTML page, an SVG, a script named {@code .pdf}).
     */
    static Optional<String> sniff(byte[] bytes) {
        if (startsWith(bytes, PDF)) {
            return Optional.of("application/pdf");
        }
        if (startsWith(bytes, PNG)) {
            return Optional.of("image/png");
        }
        if (startsWith(bytes, JPEG)) {
            return Optional.of("image/jpeg");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length > prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Keeps the agent of a request just filed; {@code proof} may be null. Runs in the caller's tenant context. */
    void record(UUID tenantId, UUID requestId, String name, String relation, Proof proof) {
        IdentitySealing.Sealed details = sealing.seal(
                tenantId, detailsRow(requestId), JSON.writeValueAsBytes(Map.of("name", name, "relation", relation)));
        var insert = dsl.insertInto(PORTAL_AGENT)
                .set(PORTAL_AGENT.TENANT_ID, tenantId)
                .set(PORTAL_AGENT.REQUEST_ID, requestId)
                .set(PORTAL_AGENT.DETAILS, details.ciphertext())
                .set(PORTAL_AGENT.DETAILS_KEY, details.wrappedKey())
                .set(PORTAL_AGENT.DETAILS_KEK, details.kekVersion());
        if (proof != null) {
            IdentitySealing.Sealed sealed = sealing.seal(tenantId, proofRow(requestId), proof.bytes());
            insert = insert.set(PORTAL_AGENT.PROOF, sealed.ciphertext())
                    .set(PORTAL_AGENT.PROOF_KEY, sealed.wrappedKey())
                    .set(PORTAL_AGENT.PROOF_KEK, sealed.kekVersion())
                    .set(PORTAL_AGENT.PROOF_TYPE, proof.mediaType())
                    .set(PORTAL_AGENT.PROOF_SIZE, proof.bytes().length);
        }
        insert.execute();
    }

    /** The request's agent, opened; empty when it was not filed by an agent on the portal. */
    public Optional<Agent> of(UUID tenantId, UUID requestId) {
        return TenantContext.callAs(
                tenantId,
                () -> row(dsl, tenantId, requestId, false).map(row -> {
                    Map<String, String> details = JSON.readValue(
                            sealing.open(
                                    tenantId,
                                    detailsRow(requestId),
                                    new IdentitySealing.Sealed(
                                            row.getDetails(), row.getDetailsKey(), row.getDetailsKek())),
                            DETAILS);
                    return new Agent(
                            details.get("name"),
                            details.get("relation"),
                            row.getProofType(),
                            row.getProofSize() == null ? 0 : row.getProofSize());
                }));
    }

    /**
     * The agent's proof document for {@code by}: counted and written to the audit trail in the transaction
     * that opens it; empty when the request has none.
     */
    public Optional<Proof> download(UUID tenantId, UUID requestId, Actor by) {
        return TenantContext.callAs(
                tenantId,
                () -> dsl.transactionResult(configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    Optional<PortalAgentRecord> found = row(tx, tenantId, requestId, true);
                    if (found.isEmpty() || found.get().getProof() == null) {
                        return Optional.<Proof>empty();
                    }
                    PortalAgentRecord row = found.get();
                    byte[] bytes = sealing.open(
                            tenantId,
                            proofRow(requestId),
                            new IdentitySealing.Sealed(row.getProof(), row.getProofKey(), row.getProofKek()));
                    row.setProofDownloads(row.getProofDownloads() + 1);
                    row.store();
                    audit.append(new AuditEvent(
                            tenantId,
                            by,
                            "request.agent_proof.downloaded",
                            "request:" + requestId,
                            Map.of(
                                    "type", row.getProofType(),
                                    "size", Integer.toString(bytes.length),
                                    "downloads", Integer.toString(row.getProofDownloads()))));
                    return Optional.of(new Proof(row.getProofType(), bytes));
                }));
    }

    private static Optional<PortalAgentRecord> row(DSLContext dsl, UUID tenantId, UUID requestId, boolean lock) {
        var select = dsl.selectFrom(PORTAL_AGENT)
                .where(PORTAL_AGENT.TENANT_ID.eq(tenantId))
                .and(PORTAL_AGENT.REQUEST_ID.eq(requestId));
        return lock ? select.forUpdate().fetchOptional() : select.fetchOptional();
    }

    /** The row id the details are sealed under: not the request's, so they never open as its subject. */
    private static UUID detailsRow(UUID requestId) {
        return UUID.nameUUIDFromBytes(("portal-agent:" + requestId).getBytes(StandardCharsets.US_ASCII));
    }

    private static UUID proofRow(UUID requestId) {
        return UUID.nameUUIDFromBytes(("portal-agent-proof:" + requestId).getBytes(StandardCharsets.US_ASCII));
    }
}
