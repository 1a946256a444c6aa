package dev.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class AuditVerifyCliIT extends AppIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Tenants tenants;

    @Autowired
    AuditTrail trail;

    @Autowired
    ApiKeys apiKeys;

    /** The database as its owner: what someone with those rights could do behind the application's back. */
    DSLContext dsl = owner();

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Tenant tenant;

    @BeforeEach
    void tenantWithTwoEntries() {
        tenant = tenants.create(UniqueNames.of("cli"), "CLI");
        append(tenant, "t:1");
        append(tenant, "t:2");
    }

    @Test
    void anIntactChainPrintsItsHeadAndExitsZero() {
        assertThat(verify("--tenant", tenant.slug())).isZero();

        assertThat(out()).startsWith("{\"tenant\":\"" + tenant.slug() + "\",\"intact\":true,\"entries\":2,\"head\":\"");
        assertThat(out()).contains("\"outcome\":\"intact\",\"anchors\":\"checked\"");
    }

    @Test
    void asTheApplicationsOwnRoleEveryTenantsChainIsRead() {
        Tenant other = tenants.create(UniqueNames.of("cli-other"), "CLI other");
        append(other, "t:1");

        int exit = verifyAs("lethe_app");

        assertThat(out())
                .contains("{\"tenant\":\"" + tenant.slug() + "\",\"intact\":true,\"entries\":2,")
                .contains("{\"tenant\":\"" + other.slug() + "\",\"intact\":true,\"entries\":1,");
        // Other test classes break chains of their own tenants on purpose; ours are intact.
        assertThat(exit).isIn(0, 1);
        assertThat(verifyAs("lethe_app", "--tenant", tenant.slug())).isZero();
    }

    @Test
    void aRoleThatCannotSeeTheRowsFailsLoudlyInsteadOfReportingAnEmptyChain() {
        String blind = UniqueNames.database("lethe_blind");
        TestServices.ensureLoginRole(blind);
        dsl.execute("grant select on all tables in schema public to " + blind);
        dsl.execute("grant execute on function lethe_audit_extent() to " + blind);
        // Row-level security that hides every audit row from this role, whichever tenant it names.
        dsl.execute("create policy hide_from_" + blind + " on audit_entry as restrictive for select to " + blind
                + " using (false)");

        assertThat(verifyAs(blind, "--tenant", tenant.slug())).isEqualTo(2);

        assertThat(out()).contains("\"intact\":false").contains("\"outcome\":\"unreadable\"");
        assertThat(err()).contains("2 entries exist but only 0 could be read");
    }

    @Test
    void aRoleWithoutTheRightToReadTheChainIsToldWhatItNeeds() {
        String stranger = UniqueNames.database("lethe_stranger");
        TestServices.ensureLoginRole(stranger);

        assertThat(verifyAs(stranger)).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err()).contains("(42501)").contains("may not read the audit chain");
    }

    @Test
    void aForgedEntryIsNamedAndTheExitCodeIsOne() {
        dsl.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
        try {
            dsl.execute("update audit_entry set action = 'test.forged' where tenant_id = ? and seq = 2", tenant.id());
        } finally {
            dsl.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
        }

        assertThat(verify("--tenant", tenant.slug())).isEqualTo(1);

        assertThat(out())
                .contains("\"intact\":false,\"firstBrokenSeq\":2,\"reason\":\"content does not match its hash\"");
    }

    @Test
    void aCutOffTailIsCaughtThroughTheSignedCheckpoint() {
        as(tenant.id(), () -> trail.checkpoint(tenant.id()));
        dsl.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
        try {
            dsl.execute("delete from audit_entry where tenant_id = ? and seq = 2", tenant.id());
        } finally {
            dsl.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
        }

        assertThat(verify("--tenant", tenant.slug())).isEqualTo(1);

        assertThat(out()).contains("\"firstBrokenSeq\":2").contains("checkpoint vouches for entry 2");
    }

    @Test
    void aTailCutOffTogetherWithItsCheckpointsIsCaughtThroughTheKafkaAnchor() throws Exception {
        as(tenant.id(), () -> trail.checkpoint(tenant.id()));
        append(tenant, "t:3");
        append(tenant, "t:4");
        as(tenant.id(), () -> trail.checkpoint(tenant.id()));
        awaitAnchored(4);

        // Someone with the owner's rights cuts entries 3 and 4 and removes every trace of them in PostgreSQL.
        dsl.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
        dsl.execute("alter table audit_checkpoint disable trigger audit_checkpoint_no_update_or_delete");
        try {
            dsl.execute("delete from audit_entry where tenant_id = ? and seq > 2", tenant.id());
            dsl.execute("delete from audit_checkpoint where tenant_id = ? and seq > 2", tenant.id());
            dsl.execute("delete from audit_checkpoint_anchor where tenant_id = ? and seq > 2", tenant.id());
        } finally {
            dsl.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
            dsl.execute("alter table audit_checkpoint enable trigger audit_checkpoint_no_update_or_delete");
        }

        assertThat(verifyAs("lethe_app", "--tenant", tenant.slug())).isEqualTo(1);
        assertThat(out())
                .contains("\"intact\":false,\"firstBrokenSeq\":3,")
                .contains("entries missing: anchored checkpoint at seq 4, chain ends at 2")
                .contains("\"anchoredSeq\":4");

        JsonNode api =
                JSON.readTree(get("/api/v1/audit/verify", auditorKey(tenant)).body());
        assertThat(api.get("intact").asBoolean()).isFalse();
        assertThat(api.get("outcome").asString()).isEqualTo("broken");
        assertThat(api.get("reason").asString())
                .isEqualTo("entries missing: anchored checkpoint at seq 4, chain ends at 2");

        // The database alone can't tell: the output says the anchors were not checked.
        out.reset();
        assertThat(verifyAs("lethe_app", "--tenant", tenant.slug(), "--skip-anchors"))
                .isZero();
        assertThat(out()).contains("\"intact\":true,\"entries\":2,").contains("\"anchors\":\"not-checked\"");
        assertThat(err()).contains("anchors not checked");
    }

    @Test
    void unreadableAnchorsAreNeverAnAllClear() {
        assertThat(verify("--tenant", tenant.slug(), "--anchor-topic", UniqueNames.of("no-such-topic")))
                .isEqualTo(3);
        assertThat(out()).contains("\"intact\":false").contains("\"outcome\":\"unconfirmed\"");
        assertThat(err()).contains("does not exist").contains("--skip-anchors");

        out.reset();
        assertThat(verify("--tenant", tenant.slug(), "--anchor-file", "/nonexistent/lethe-anchors.jsonl"))
                .isEqualTo(3);
        assertThat(out()).contains("\"outcome\":\"unconfirmed\"").contains("anchor file");

        out.reset();
        assertThat(verify("--tenant", tenant.slug(), "--kafka", "127.0.0.1:1")).isEqualTo(3);
        assertThat(out()).contains("\"outcome\":\"unconfirmed\"").contains("\"anchors\":\"unavailable\"");
    }

    @Test
    void anUnreachableDatabaseSaysWhatToDo() {
        assertThat(verify("--db-url", "jdbc:postgresql://127.0.0.1:1/lethe")).isEqualTo(2);

        assertThat(err()).contains("./lethe up").contains("--db-url");
    }

    @Test
    void anUnknownTenantOrOptionIsAUsageError() {
        assertThat(verify("--tenant", "no-such-tenant")).isEqualTo(2);
        assertThat(verify("--frobnicate")).isEqualTo(2);
        assertThat(verify("--kafka")).isEqualTo(2);
    }

    private void append(Tenant owner, String target) {
        as(
                owner.id(),
                () -> trail.append(new AuditEvent(owner.id(), Actor.system("test"), "test.cli", target, Map.of())));
    }

    private void awaitAnchored(long seq) {
        Eventually.require(
                "checkpoint " + seq + " anchored",
                () -> dsl.fetchCount(
                        dsl.selectFrom("audit_checkpoint_anchor").where("tenant_id = ? and seq = ?", tenant.id(), seq)),
                count -> count == 1,
                Duration.ofSeconds(30));
    }

    private String auditorKey(Tenant owner) {
        String secret = UniqueNames.of("cli-auditor-key-0123456789abcdef");
        as(owner.id(), () -> apiKeys.ensure(owner.id(), UniqueNames.of("auditor"), secret, Set.of(Role.AUDITOR)));
        return secret;
    }

    private int verify(String... args) {
        return verifyWith(Map.of(), args);
    }

    private int verifyAs(String role, String... args) {
        return verifyWith(Map.of("SPRING_DATASOURCE_USERNAME", role), args);
    }

    private int verifyWith(Map<String, String> extra, String... args) {
        var env = new HashMap<>(Map.of("SPRING_DATASOURCE_URL", databaseUrl, "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka));
        env.putAll(extra);
        return AuditVerifyCli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
