package dev.lethe.ui.signin;

import dev.lethe.catalog.account.SealedSecret;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.WrappedDek;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Seals TOTP secrets with the KMS's key-encryption key, bound to the tenant and the account (a
 * sealed secret copied to another account does not open), so that a copy of the database alone
 * cannot make codes.
 */
public final class TotpSecrets {

    private final Kms kms;

    public TotpSecrets(Kms kms) {
        this.kms = kms;
    }

    public SealedSecret seal(UUID tenantId, UUID userId, byte[] secret) {
        WrappedDek wrapped = kms.wrap(secret, associatedData(tenantId, userId));
        return new SealedSecret(wrapped.kekVersion(), wrapped.ciphertext());
    }

    public byte[] open(UUID tenantId, UUID userId, SealedSecret sealed) {
        return kms.unwrap(new WrappedDek(sealed.kekVersion(), sealed.ciphertext()), associatedData(tenantId, userId));
    }

    private static byte[] associatedData(UUID tenantId, UUID userId) {
        return ("lethe/totp/" + tenantId + "/" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
