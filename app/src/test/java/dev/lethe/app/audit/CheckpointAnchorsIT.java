package dev.lethe.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.ChainVerification;
import dev.lethe.catalog.audit.CheckpointAnchor;
import dev.lethe.catalog.audit.CheckpointAnchoring;
import dev.lethe.catalog.audit.CheckpointAnchors;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Signed checkpoints reach the Kafka anchor topic after their transaction, and late ones catch up. */
class CheckpointAnchorsIT extends AppIntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    Tenants tenants;

    /** Kafka's, as the application has them. */
    @Autowired
    CheckpointAnchors anchors;

    @Autowired
    CheckpointAnchorer anchorer;

    /** The application's role. */
    @Autowired
    DSLContext dsl;

    DSLContext owner = owner();

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = tenants.create(UniqueNames.of("anchors"), "Anchors");
    }

    @Test
    void aCheckpointIsSignedEveryNEntriesAndAnchoredOnKafka() {
        // lethe.audit.checkpoint-every is 100 by default.
        appendMany(99);
        assertThat(checkpointSeqs()).isEmpty();

        AuditEntry hundredth = appendMany(1).getLast();

        assertThat(checkpointSeqs()).containsExactly(100L);
        List<CheckpointAnchor> anchored = Eventually.require(
                "the checkpoint at entry 100 on the anchor topic",
                () -> anchors.read(tenant.id()),
                read -> !read.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(anchored).singleElement().satisfies(anchor -> {
            assertThat(anchor.seq()).isEqualTo(100);
            assertThat(anchor.headHash()).isEqualTo(hundredth.hash());
            assertThat(anchor.publicKeySha256()).hasSize(64);
        });
        ChainVerification verification = as(tenant.id(), () -> trail.verify(tenant.id(), anchors));
        assertThat(verification.intact()).isTrue();
        assertThat(verification.anchors()).isEqualTo(ChainVerification.AnchorCheck.CHECKED);
        assertThat(verification.anchoredSeq()).isEqualTo(100);
    }

    @Test
    void aCheckpointThatCouldNotBeAnchoredIsAnchoredLaterAndNothingIsLost() {
        appendMany(3);
        var kafkaAway = new CheckpointAnchors() {
            @Override
            public void publish(List<CheckpointAnchor> ignored) {
                throw new AnchorsUnavailableException("Kafka is away");
            }

            @Override
            public List<CheckpointAnchor> read(UUID tenantId) {
                throw new AnchorsUnavailableException("Kafka is away");
            }
        };
        // Signed while the anchor log is away: committed in PostgreSQL all the same.
        as(tenant.id(), () -> new AuditTrail(dsl, new TestCheckpointSigner(dsl), 1_000_000).checkpoint(tenant.id()));
        assertThatThrownBy(
                        () -> as(tenant.id(), () -> new CheckpointAnchoring(dsl, kafkaAway).anchorPending(tenant.id())))
                .isInstanceOf(CheckpointAnchors.AnchorsUnavailableException.class);
        assertThat(checkpointSeqs()).containsExactly(3L);
        assertThat(anchoredSeqs()).isEmpty();

        anchorer.catchUp();

        Eventually.require(
                "the late checkpoint anchored",
                this::anchoredSeqs,
                seqs -> seqs.equals(List.of(3L)),
                Duration.ofSeconds(30));
        assertThat(anchors.read(tenant.id())).extracting(CheckpointAnchor::seq).containsExactly(3L);
    }

    @Test
    void anAnchorFileAloneRevealsATailCutTogetherWithItsCheckpoints(@TempDir Path dir) {
        var file = new FileCheckpointAnchors(dir.resolve("anchors/audit-anchors.jsonl"));
        file.prepare();
        var signing = new AuditTrail(dsl, new TestCheckpointSigner(dsl), 1_000_000);
        appendMany(3);
        as(tenant.id(), () -> signing.checkpoint(tenant.id()));
        as(tenant.id(), () -> new CheckpointAnchoring(dsl, file).anchorPending(tenant.id()));

        assertThat(file.read(tenant.id())).extracting(CheckpointAnchor::seq).containsExactly(3L);
        assertThat(as(tenant.id(), () -> trail.verify(tenant.id(), file)).intact())
                .isTrue();

        owner.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
        owner.execute("alter table audit_checkpoint disable trigger audit_checkpoint_no_update_or_delete");
        try {
            owner.execute("delete from audit_entry where tenant_id = ? and seq > 1", tenant.id());
            owner.execute("delete from audit_checkpoint where tenant_id = ?", tenant.id());
        } finally {
            owner.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
            owner.execute("alter table audit_checkpoint enable trigger audit_checkpoint_no_update_or_delete");
        }

        ChainVerification verification = as(tenant.id(), () -> trail.verify(tenant.id(), file));
        assertThat(verification.intact()).isFalse();
        assertThat(verification.reason()).isEqualTo("entries missing: anchored checkpoint at seq 3, chain ends at 1");
    }

    @Test
    void whileTheAnchorsCannotBeReadTheChainIsNotReportedIntact() {
        appendMany(2);
        var unreadable = CheckpointAnchors.snapshot(Map.of());
        var away = CheckpointAnchors.unreadable(new CheckpointAnchors.AnchorsUnavailableException("Kafka is away"));

        ChainVerification verification = as(tenant.id(), () -> trail.verify(tenant.id(), away));

        assertThat(verification.intact()).isFalse();
        assertThat(verification.outcome()).isEqualTo(ChainVerification.Outcome.UNCONFIRMED);
        assertThat(verification.reason()).contains("anchors could not be read").contains("Kafka is away");
        assertThat(as(tenant.id(), () -> trail.verify(tenant.id(), unreadable)).intact())
                .isTrue();
    }

    @Test
    void withoutATenantTheApplicationRoleGetsUnreadableNotAnEmptyIntactChain() {
        appendMany(2);

        ChainVerification verification = trail.verify(tenant.id(), anchors);

        assertThat(verification.intact()).isFalse();
        assertThat(verification.outcome()).isEqualTo(ChainVerification.Outcome.UNREADABLE);
        assertThat(verification.reason()).contains("2 entries exist but only 0 could be read");
    }

    private List<AuditEntry> appendMany(int count) {
        return as(
                tenant.id(),
                () -> trail.appendAll(IntStream.range(0, count)
                        .mapToObj(i ->
                                new AuditEvent(tenant.id(), Actor.system("test"), "test.anchor", "n:" + i, Map.of()))
                        .toList()));
    }

    private List<Long> checkpointSeqs() {
        return owner.fetch("select seq from audit_checkpoint where tenant_id = ? order by seq", tenant.id())
                .getValues(0, Long.class);
    }

    private List<Long> anchoredSeqs() {
        return owner.fetch("select seq from audit_checkpoint_anchor where tenant_id = ? order by seq", tenant.id())
                .getValues(0, Long.class);
    }
}
