package dev.lethe.app.vault;

import dev.lethe.catalog.account.Accounts;
import dev.lethe.vault.KekVersionsInUse;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * People's TOTP secrets are sealed by the vault's KMS too ({@code app_user.totp_secret}): a KEK rotation
 * must not retire a version that still wraps one, or those people could no longer sign in. They are not
 * re-wrapped yet; a second factor reset and enrolled again is sealed under the primary version.
 */
@Component
class TotpSecretVersions implements KekVersionsInUse {

    private final Accounts accounts;

    TotpSecretVersions(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Set<Integer> kekVersionsInUse() {
        return accounts.totpKekVersions();
    }
}
