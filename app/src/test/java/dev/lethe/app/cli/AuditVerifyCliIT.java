package dev.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

class AuditVerifyCliIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    @Autowired
    AuditTrail trail;

    /** The database as its owner: what someone with those rights could do behind the application's back. */
    DSLContext dsl = owner();

    @Value("${spring.datasource.url}")
    String databaseUrl;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Tenant tenant;

    @BeforeEach
    void tenantWithTwoEntries() {
        tenant = tenants.create(UniqueNames.of("cli"), "CLI");
        for (String target : new String[] {"t:1", "t:2"}) {
            as(
                    tenant.id(),
                    () -> trail.append(
                            new AuditEvent(tenant.id(), Actor.system("test"), "test.cli", target, Map.of())));
        }
    }

    @Test
    void anIntactChainPrintsItsHeadAndExitsZero() {
        assertThat(verify("--tenant", tenant.slug())).isZero();

        assertThat(out()).startsWith("{\"tenant\":\"" + tenant.slug() + "\",\"intact\":true,\"entries\":2,\"head\":\"");
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
    void anUnreachableDatabaseSaysWhatToDo() {
        assertThat(verify("--db-url", "jdbc:postgresql://127.0.0.1:1/lethe")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("./lethe up").contains("--db-url");
    }

    @Test
    void anUnknownTenantOrOptionIsAUsageError() {
        assertThat(verify("--tenant", "no-such-tenant")).isEqualTo(2);
        assertThat(verify("--frobnicate")).isEqualTo(2);
    }

    private int verify(String... args) {
        return AuditVerifyCli.run(
                args,
                Map.of("SPRING_DATASOURCE_URL", databaseUrl),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
