package dev.lethe.app.audit;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointAnchors;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.vault.kms.Kms;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The audit trail with signed checkpoints, their anchors on Kafka, and the timer that vouches for
 * quiet chains.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    /**
     * The anchor topic (and file, if configured) is made before the application answers, so that
     * verification right after a first start does not find it missing. Kafka being away does not stop
     * the start: anchoring catches up later, and verification says the anchors could not be read
     * meanwhile.
     */
    @Bean(destroyMethod = "close")
    CheckpointAnchorSet checkpointAnchors(KafkaAdmin kafkaAdmin, AuditProperties properties) {
        List<CheckpointAnchors> logs = new ArrayList<>();
        logs.add(new KafkaCheckpointAnchors(
                kafkaAdmin.getConfigurationProperties(), properties.anchors().topic()));
        if (properties.anchors().file() != null) {
            logs.add(new FileCheckpointAnchors(properties.anchors().file()));
        }
        var anchors = new CheckpointAnchorSet(logs);
        try {
            anchors.prepare();
        } catch (CheckpointAnchors.AnchorsUnavailableException e) {
            log.warn("The audit anchor log is not ready yet (anchoring catches up later): {}", e.getMessage());
        }
        return anchors;
    }

    @Bean(destroyMethod = "close")
    CheckpointAnchorer checkpointAnchorer(DSLContext dsl, CheckpointAnchorSet anchors, Tenants tenants) {
        return new CheckpointAnchorer(dsl, anchors, tenants);
    }

    /** The audit's Ed25519 key: it signs checkpoints, and erasure receipts (dev.lethe.app.requests). */
    @Bean
    Ed25519CheckpointSigner auditSigner(DSLContext dsl, Kms kms, AuditProperties properties) {
        return new Ed25519CheckpointSigner(dsl, kms, properties.signingKey().replace());
    }

    @Bean
    AuditTrail auditTrail(
            DSLContext dsl, Ed25519CheckpointSigner signer, AuditProperties properties, CheckpointAnchorer anchorer) {
        var trail = new AuditTrail(dsl, signer, properties.checkpointEvery(), anchorer);
        signer.replacement().ifPresent(replacement -> replacement.record(trail));
        return trail;
    }

    @Bean(destroyMethod = "close")
    AuditCheckpointTimer auditCheckpointTimer(
            AuditTrail trail, Tenants tenants, CheckpointAnchorer anchorer, AuditProperties properties) {
        return new AuditCheckpointTimer(trail, tenants, anchorer, properties.checkpointInterval());
    }
}
