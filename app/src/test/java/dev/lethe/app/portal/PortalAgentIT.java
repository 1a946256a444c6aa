package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_AGENT;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An authorized agent filing on the portal: their name and authority are required once the box is ticked, a
 * proof document is accepted only as a PDF, PNG or JPEG by its content and at most 2 MiB (a disguised or
 * oversized file is refused beside the field, and nothing is filed), it is kept sealed, and the tenant's officer
 * sees the agent's name on the request's page and downloads the proof (audited) while another tenant's officer
 * cannot.
 */
class PortalAgentIT extends PortalTestBase {

    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nproof-" + UUID.randomUUID()
                    + "\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Autowired
    Tenants tenants;

    private Tenant tenant;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantAndVisitor() {
        tenant = tenants.create(UniqueNames.of("portal-agent"), "Agent test");
        visitor = visitorOfItsOwn();
    }

    private String form() {
        return "/privacy/" + tenant.slug() + "/new/erasure";
    }

    private static String email() {
        return UniqueNames.of("sam") + "@example.org";
    }

    private Map<String, String> agentFields(String email) {
        Map<String, String> fields = new HashMap<>();
        fields.put("email", email);
        fields.put("agent", "true");
        fields.put("declaration", "true");
        fields.put("agentName", "Bea Agent-" + UUID.randomUUID());
        fields.put("agentRelation", "Daughter, with a power of attorney");
        return fields;
    }

    private int requestsOfTheTenant() {
        return owner().fetchCount(REQUEST, REQUEST.TENANT_ID.eq(tenant.id()));
    }

    @Test
    void anAgentMustGiveTheirNameAndAuthority() {
        String email = email();
        visitor.get(form());
        HttpResponse<String> without =
                visitor.post(form(), Map.of("email", email, "agent", "true", "declaration", "true"));
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(without.body())
                .contains("id=\"agentName-error\"", "enter your name")
                .contains("id=\"agentRelation-error\"");
        assertThat(mailsTo(email)).isEmpty();
        assertThat(requestsOfTheTenant()).isZero();
    }

    @Test
    void aDisguisedOrOversizedProofIsRefusedBesideTheFieldAndNothingIsFiled() {
        String email = email();
        visitor.get(form());
        byte[] page = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> disguised =
                visitor.postMultipart(form(), agentFields(email), "proof", "proof.pdf", "application/pdf", page);
        assertThat(disguised.statusCode()).as(disguised.body()).isEqualTo(400);
        assertThat(disguised.body()).contains("id=\"proof-error\"", "must be a PDF, PNG or JPEG file");

        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>1</script></svg>"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(visitor.postMultipart(form(), agentFields(email), "proof", "proof.png", "image/png", svg)
                        .statusCode())
                .isEqualTo(400);

        byte[] large = Arrays.copyOf(PDF, 2 * 1024 * 1024 + 1);
        HttpResponse<String> oversized =
                visitor.postMultipart(form(), agentFields(email), "proof", "proof.pdf", "application/pdf", large);
        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(oversized.body()).contains("id=\"proof-error\"", "at most 2 MiB");

        assertThat(mailsTo(email)).as("nothing filed, no code sent").isEmpty();
        assertThat(requestsOfTheTenant()).isZero();
    }

    @Test
    void theOfficerSeesTheAgentAndDownloadsTheSealedProofAndAnotherTenantsOfficerCannot() {
        String email = email();
        Map<String, String> fields = agentFields(email);
        visitor.get(form());
        HttpResponse<String> filed = visitor.postMultipart(form(), fields, "proof", "scan.txt", "text/plain", PDF);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String token = tokenOf(filed);
        UUID request = requestOf(token);
        String verify = "/privacy/" + tenant.slug() + "/verify/" + token;
        visitor.get(verify);
        assertThat(visitor.post(verify, Map.of("code", awaitCode(email, 1))).statusCode())
                .isEqualTo(302);

        String atRest = owner().fetchSingle("select p::text from portal_agent p where p.request_id = ?", request)
                .get(0, String.class);
        assertThat(atRest)
                .as("the name, authority and proof are sealed at rest")
                .doesNotContain(fields.get("agentName"), "Daughter", "proof-", "PDF");
        assertThat(owner().select(PORTAL_AGENT.PROOF_TYPE)
                        .from(PORTAL_AGENT)
                        .where(PORTAL_AGENT.REQUEST_ID.eq(request))
                        .fetchSingle(PORTAL_AGENT.PROOF_TYPE))
                .as("the type by its content, not the name or declared type")
                .isEqualTo("application/pdf");

        People people = people();
        WebClient olga = People.signIn(port, people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER));
        HttpResponse<String> page = olga.get("/requests/" + request);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"agent-name\"", fields.get("agentName"), "Daughter, with a power of attorney")
                .contains("id=\"agent-proof\"");

        HttpResponse<String> proof = olga.get("/requests/" + request + "/agent-proof");
        assertThat(proof.statusCode()).isEqualTo(200);
        assertThat(proof.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(proof.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment", "agent-proof.pdf");
        assertThat(proof.headers().allValues("Content-Security-Policy")).anyMatch(csp -> csp.contains("sandbox"));
        assertThat(proof.body()).isEqualTo(new String(PDF, StandardCharsets.US_ASCII));
        assertThat(audited(tenant, "request.agent_proof.downloaded"))
                .singleElement()
                .asString()
                .contains("request:" + request, "\"type\"", "pdf")
                .doesNotContain(fields.get("agentName"), email);

        Tenant other = tenants.create(UniqueNames.of("portal-agent-other"), "Other");
        WebClient otto = People.signIn(port, people.create(other, "Otto Officer", Role.PRIVACY_OFFICER));
        HttpResponse<String> foreign = otto.get("/requests/" + request + "/agent-proof");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("proof-");
        assertThat(audited(tenant, "request.agent_proof.downloaded")).hasSize(1);

        WebClient audrey = People.signIn(port, people.create(tenant, "Audrey Auditor", Role.AUDITOR));
        assertThat(audrey.get("/requests/" + request + "/agent-proof").statusCode())
                .isEqualTo(403);
        assertThat(audrey.get("/requests/" + request).body())
                .as("the agent's name is for the officers who check it")
                .doesNotContain(fields.get("agentName"));
    }
}
