package dev.lethe.vault.keys;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A data key as it is stored: only ever wrapped (encrypted) by a KMS key-encryption key.
 *
 * @param tenant the tenant; never null or blank
 * @param keyId the key's random id, unique within the tenant
 * @param scope tenant or subject key
 * @param subjectHash the subject's keyed hash; null exactly when {@code scope} is {@link KeyScope#TENANT}
 * @param kekVersion the KMS key version that wrapped {@code wrapped}
 * @param wrapped the KMS ciphertext of the key material; bound to tenant and key id as associated data,
 *     so a row copied onto another row does not unwrap
 * @param createdAt when the key was created
 */
public record WrappedKey(
        String tenant,
        KeyId keyId,
        KeyScope scope,
        SubjectHash subjectHash,
        int kekVersion,
        byte[] wrapped,
        Instant createdAt) {

    public WrappedKey {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("tenant is required");
        }
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
        if ((scope == KeyScope.TENANT) != (subjectHash == null)) {
            throw new IllegalArgumentException("a subject hash is set exactly for subject keys");
        }
        wrapped = Objects.requireNonNull(wrapped, "wrapped").clone();
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    /** A copy of this key wrapped anew under another KEK version. */
    public WrappedKey rewrapped(int newKekVersion, byte[] newWrapped) {
        return new WrappedKey(tenant, keyId, scope, subjectHash, newKekVersion, newWrapped, createdAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKey k
                && tenant.equals(k.tenant)
                && keyId.equals(k.keyId)
                && scope == k.scope
                && Objects.equals(subjectHash, k.subjectHash)
                && kekVersion == k.kekVersion
                && Arrays.equals(wrapped, k.wrapped)
                && createdAt.equals(k.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, keyId, kekVersion);
    }

    @Override
    public String toString() {
        return "WrappedKey[tenant=" + tenant + ", keyId=" + keyId + ", scope=" + scope + ", kekVersion=" + kekVersion
                + "]";
    }
}
