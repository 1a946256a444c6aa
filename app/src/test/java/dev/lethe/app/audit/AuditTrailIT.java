package dev.lethe.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditTrailIT extends AppIntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    Tenants tenants;

    /** The database as its owner: what someone with those rights could do behind the application's back. */
    DSLContext dsl = owner();

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = tenants.create(UniqueNames.of("audit"), "Audit test");
    }

    @Test
    void anUntouchedChainVerifiesWithItsHead() {
        append("catalog.system.created", "system:shop");
        AuditEntry last = append("vault.detokenize", "token-batch");

        var verification = as(tenant.id(), () -> trail.verify(tenant.id()));

        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(2);
        assertThat(verification.head()).isEqualTo(last.hash());
    }

    @Test
    void concurrentAppendsNeverForkTheChain() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            var appends = IntStream.range(0, 40)
                    .mapToObj(i -> pool.submit(() -> append("test.concurrent", "n:" + i)))
                    .toList();
            for (var append : appends) {
                append.get();
            }
        }

        var verification = as(tenant.id(), () -> trail.verify(tenant.id()));
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(40);
    }

    @Test
    void aBatchIsAppendedInOrderAsOneLinkedRun() {
        append("a.before", "t:0");

        var batch = as(
                tenant.id(),
                () -> trail.appendAll(List.of(
                        new AuditEvent(tenant.id(), Actor.system("test"), "a.one", "t:1", Map.of()),
                        new AuditEvent(tenant.id(), Actor.system("test"), "a.two", "t:2", Map.of()))));

        assertThat(batch).extracting(AuditEntry::seq).containsExactly(2L, 3L);
        assertThat(batch.get(1).previousHash()).isEqualTo(batch.get(0).hash());
        assertThat(as(tenant.id(), () -> trail.verify(tenant.id())).intact()).isTrue();
        assertThatThrownBy(() -> trail.appendAll(List.of(
                        new AuditEvent(tenant.id(), Actor.system("test"), "a.x", "t", Map.of()),
                        new AuditEvent(Tenant.DEFAULT_ID, Actor.system("test"), "a.y", "t", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() {
        append("catalog.system.created", "system:shop");

        assertThatThrownBy(() ->
                        dsl.execute("update audit_entry set target = 'system:other' where tenant_id = ?", tenant.id()))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.execute("delete from audit_entry where tenant_id = ?", tenant.id()))
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void anEditInTheMiddleIsFoundAtItsEntry() {
        append("a.one", "t:1");
        append("a.two", "t:2");
        append("a.three", "t:3");

        asOwner(db ->
                db.execute("update audit_entry set target = 't:forged' where tenant_id = ? and seq = 2", tenant.id()));

        var verification = as(tenant.id(), () -> trail.verify(tenant.id()));
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(2);
        assertThat(verification.reason()).isEqualTo("content does not match its hash");
    }

    @Test
    void cuttingOffTheTailIsCaughtByTheSignedCheckpoint() {
        append("a.one", "t:1");
        append("a.two", "t:2");
        append("a.three", "t:3");
        as(tenant.id(), () -> trail.checkpoint(tenant.id()));

        asOwner(db -> db.execute("delete from audit_entry where tenant_id = ? and seq = 3", tenant.id()));

        var verification = as(tenant.id(), () -> trail.verify(tenant.id()));
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(3);
        assertThat(verification.reason()).contains("missing").contains("checkpoint vouches for entry 3");
    }

    @Test
    void aForgedCheckpointSignatureIsCaught() {
        append("a.one", "t:1");
        as(tenant.id(), () -> trail.checkpoint(tenant.id()));

        dsl.execute("alter table audit_checkpoint disable trigger audit_checkpoint_no_update_or_delete");
        try {
            dsl.execute("update audit_checkpoint set head_hash = repeat('f', 64) where tenant_id = ?", tenant.id());
        } finally {
            dsl.execute("alter table audit_checkpoint enable trigger audit_checkpoint_no_update_or_delete");
        }

        var verification = as(tenant.id(), () -> trail.verify(tenant.id()));
        assertThat(verification.intact()).isFalse();
        assertThat(verification.reason()).isEqualTo("its signed checkpoint has a bad signature");
    }

    @Test
    void pagesComeNewestFirstAndFilterByAction() {
        append("a.one", "t:1");
        append("a.two", "t:2");
        append("a.one", "t:3");

        List<AuditEntry> ones = as(
                tenant.id(), () -> trail.page(tenant.id(), new AuditQuery(null, null, null, "a.one", null, null, 10)));
        List<AuditEntry> firstPage =
                as(tenant.id(), () -> trail.page(tenant.id(), new AuditQuery(null, null, null, null, null, null, 2)));
        List<AuditEntry> secondPage = as(
                tenant.id(),
                () -> trail.page(
                        tenant.id(),
                        new AuditQuery(
                                null,
                                null,
                                null,
                                null,
                                null,
                                firstPage.getLast().seq(),
                                2)));

        assertThat(ones).extracting(AuditEntry::target).containsExactly("t:3", "t:1");
        assertThat(firstPage).extracting(AuditEntry::seq).containsExactly(3L, 2L);
        assertThat(secondPage).extracting(AuditEntry::seq).containsExactly(1L);
        assertThat(ones.getFirst().details()).containsEntry("count", "1");
    }

    /** Changes behind the application's back, with the append-only trigger switched off. */
    private void asOwner(java.util.function.Consumer<DSLContext> tampering) {
        DSLContext owner = owner();
        owner.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
        try {
            tampering.accept(owner);
        } finally {
            owner.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
        }
    }

    private AuditEntry append(String action, String target) {
        return as(
                tenant.id(),
                () -> trail.append(
                        new AuditEvent(tenant.id(), Actor.system("test"), action, target, Map.of("count", "1"))));
    }
}
