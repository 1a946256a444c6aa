package dev.lethe.ui.vault;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.vault.KekRotation;
import dev.lethe.vault.RewrappedOnRotation;
import dev.lethe.vault.Vault;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.kms.Kms;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
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
    private final VaultApiLimits limits;
    private final List<RewrappedOnRotation> otherKeyStores;

    KekController(
            Vault vault, Kms kms, KeyRepository keys, VaultApiLimits limits, List<RewrappedOnRotation> otherKeyStores) {
        this.vault = vault;
        this.kms = kms;
        this.keys = keys;
        this.limits = limits;
        this.otherKeyStores = List.copyOf(otherKeyStores);
    }

    @GetMapping
    KekView state(LetheAuthentication caller) {
        requirePlatformAdmin(caller);
        return new KekView(
                kms.name(),
                kms.primaryVersion(),
                kms.activeVersions(),
                TenantContext.callAsPlatform(keys::countByKekVersion));
    }

    /**
     * A new KEK version, every stored key re-wrapped under it in batches of {@code
     * lethe.vault.rotation.batch-size} while tokenization goes on, then the keys of the other stores that
     * re-wrap with the KEK ({@link RewrappedOnRotation}: connection secrets, pending operations'
     * results), then unused versions retired.
     */
    @PostMapping("/rotate")
    RotationView rotate(LetheAuthentication caller) {
        requirePlatformAdmin(caller);
        int batchSize = limits.rotationBatchSize();
        // Every tenant's keys are re-wrapped: a platform operation for row-level security.
        return TenantContext.callAsPlatform(() -> {
            // The vault's own rotation retires what nobody uses yet; the other stores still report their
            // old version then, so it stays until they have re-wrapped and the second retirement below.
            KekRotation.RotationReport report = vault.kekRotation().rotateNow(batchSize);
            long rewrapped = report.rewrapped();
            for (RewrappedOnRotation store : otherKeyStores) {
                rewrapped += store.rewrapUnderPrimary(batchSize);
            }
            SortedSet<Integer> retired = new TreeSet<>(report.retired());
            retired.addAll(vault.kekRotation().retireUnused());
            return new RotationView(report.newVersion(), rewrapped, report.batches(), List.copyOf(retired));
        });
    }

    private static void requirePlatformAdmin(LetheAuthentication caller) {
        if (!Tenant.DEFAULT_ID.equals(caller.tenantId())) {
            throw new AccessDeniedException("only the default tenant's ADMIN keys manage the KEK");
        }
    }
}
