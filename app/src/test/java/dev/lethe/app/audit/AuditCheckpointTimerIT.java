package dev.lethe.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The checkpoint timer vouches for a chain with fewer entries than checkpoint-every, and anchors it. */
class AuditCheckpointTimerIT extends AppIntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    Tenants tenants;

    @Autowired
    CheckpointAnchorer anchorer;

    DSLContext owner = owner();

    @Test
    void aQuietChainGetsASignedAnchoredCheckpointAfterTheInterval() {
        Tenant tenant = tenants.create(UniqueNames.of("timer"), "Timer");
        for (String target : List.of("t:1", "t:2")) {
            as(
                    tenant.id(),
                    () -> trail.append(
                            new AuditEvent(tenant.id(), Actor.system("test"), "test.timer", target, Map.of())));
        }
        assertThat(seqs("audit_checkpoint", tenant)).isEmpty();

        // The application's own timer ticks every 5 minutes; this one, on the same beans, every 300 ms.
        var timer = new AuditCheckpointTimer(trail, tenants, anchorer, Duration.ofMillis(300));
        try {
            Eventually.require(
                    "a checkpoint of entry 2, anchored",
                    () -> seqs("audit_checkpoint_anchor", tenant),
                    seqs -> seqs.equals(List.of(2L)),
                    Duration.ofSeconds(30));
        } finally {
            timer.close();
        }
        assertThat(seqs("audit_checkpoint", tenant)).containsExactly(2L);
    }

    private List<Long> seqs(String table, Tenant tenant) {
        return owner.fetch("select seq from " + table + " where tenant_id = ? order by seq", tenant.id())
                .getValues(0, Long.class);
    }
}
