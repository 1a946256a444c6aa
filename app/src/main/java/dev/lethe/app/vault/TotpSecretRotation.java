package dev.lethe.app.vault;

import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.SealedSecret;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.signin.TotpSecrets;
import dev.lethe.vault.RewrappedOnRotation;
import dev.lethe.vault.kms.Kms;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * People's TOTP secrets are sealed by the vault's KMS too ({@code app_user.totp_secret}): a KEK rotation
 * must not retire a version that still wraps one, or those people could no longer sign in, and
 * re-wraps them under the new primary, tenant by tenant (row-level security sees one tenant at a time).
 */
@Component
class TotpSecretRotation implements RewrappedOnRotation {

    private final Accounts accounts;
    private final Tenants tenants;
    private final TotpSecrets secrets;
    private final Kms kms;

    TotpSecretRotation(Accounts accounts, Tenants tenants, TotpSecrets secrets, Kms kms) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.secrets = secrets;
        this.kms = kms;
    }

    @Override
    public Set<Integer> kekVersionsInUse() {
        return accounts.totpKekVersions();
    }

    @Override
    public long rewrapUnderPrimary(int batchSize) {
        int primary = kms.primaryVersion();
        long rewrapped = 0;
        for (Tenant tenant : tenants.all()) {
            rewrapped += TenantContext.callAs(tenant.id(), () -> rewrapTenant(tenant, primary, batchSize));
        }
        return rewrapped;
    }

    private long rewrapTenant(Tenant tenant, int primary, int batchSize) {
        long rewrapped = 0;
        while (true) {
            List<Accounts.SealedTotp> page = accounts.totpSecretsNotUnder(tenant.id(), primary, batchSize);
            long before = rewrapped;
            for (Accounts.SealedTotp sealed : page) {
                byte[] secret = secrets.open(tenant.id(), sealed.userId(), sealed.secret());
                SealedSecret fresh = secrets.seal(tenant.id(), sealed.userId(), secret);
                if (accounts.rewrapTotpSecret(tenant.id(), sealed.userId(), sealed.secret(), fresh)) {
                    rewrapped++;
                }
            }
            // A short page, or one whose rows all changed under us (enrolled anew), ends the walk.
            if (page.size() < batchSize || rewrapped == before) {
                return rewrapped;
            }
        }
    }
}
