package dev.lethe.app.vault;

import dev.lethe.app.security.ApiKeyAuthentication;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.vault.KekRotation;
import dev.lethe.vault.Vault;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.kms.Kms;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key-encryption key: its state and online rotation. The KEK protects every tenant's keys, so only
 * an ADMIN key of the default (platform) tenant may see or rotate it.
 */
@RestController
@RequestMapping("/api/v1/vault/kek")
@PreAuthorize("hasRole('ADMIN')")
class KekController {

    record KekView(
            String kms, int primaryVersion, SortedSet<Integer> activeVersions, Map<Integer, Long> keysByVersion) {}

    record RotationView(int newVersion, long rewrapped, int batches, List<Integer> retired) {}

    private final Vault vault;
    private final Kms kms;
    private final KeyRepository keys;
    private final VaultProperties properties;

    KekController(Vault vault, Kms kms, KeyRepository keys, VaultProperties properties) {
        this.vault = vault;
        this.kms = kms;
        this.keys = keys;
        this.properties = properties;
    }

    @GetMapping
    KekView state(ApiKeyAuthentication caller) {
        requirePlatformAdmin(caller);
        return new KekView(
                kms.name(),
                kms.primaryVersion(),
                kms.activeVersions(),
                TenantContext.callAsPlatform(keys::countByKekVersion));
    }

    /**
     * A new KEK version, every stored key re-wrapped under it in batches of {@code
     * lethe.vault.rotation.batch-size} while tokenization goes on, then unused versions retired.
     */
    @PostMapping("/rotate")
    RotationView rotate(ApiKeyAuthentication caller) {
        requirePlatformAdmin(caller);
        // Every tenant's keys are re-wrapped: a platform operation for row-level security.
        KekRotation.RotationReport report = TenantContext.callAsPlatform(
                () -> vault.kekRotation().rotateNow(properties.rotation().batchSize()));
        return new RotationView(
                report.newVersion(), report.rewrapped(), report.batches(), List.copyOf(report.retired()));
    }

    private static void requirePlatformAdmin(ApiKeyAuthentication caller) {
        if (!Tenant.DEFAULT_ID.equals(caller.apiKey().tenantId())) {
            throw new AccessDeniedException("only the default tenant's ADMIN keys manage the KEK");
        }
    }
}
