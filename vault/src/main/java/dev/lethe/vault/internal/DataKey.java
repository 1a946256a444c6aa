package dev.lethe.vault.internal;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.subtle.AesSiv;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.subtle.PrfHmacJce;
import dev.lethe.vault.keys.KeyId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * An unwrapped data key: a 32-byte seed from which HKDF-SHA-256 derives one independent sub-key per use,
 * so that one stored secret serves AES-SIV, FF1 and HMAC without reusing key material across algorithms.
 */
final class DataKey {
    static final int SEED_BYTES = 32;

    private final KeyId keyId;
    private final DeterministicAead siv;
    private final byte[] ff1Key;
    private final Prf tokenHash;
    private final Prf subjectHash;

    /**
     * The headers of this key's deterministic tokens, per tenant key and category: the same bytes for every
     * value, so encrypting them once halves the AES-SIV work per token (and keeps the thread's cipher on
     * this key, whose AES key schedule the JCE then reuses instead of redoing it for the tenant key every
     * time). Kept in the key object on purpose: whatever drops the key (a shred, an eviction, the cache's
     * age limit) drops its headers with it. Bounded by the categories times the tenant's keys (one).
     */
    private final Map<HeaderRef, byte[]> headers = new ConcurrentHashMap<>();

    private record HeaderRef(KeyId tenantKey, String category) {}

    private DataKey(KeyId keyId, DeterministicAead siv, byte[] ff1Key, Prf tokenHash, Prf subjectHash) {
        this.keyId = keyId;
        this.siv = siv;
        this.ff1Key = ff1Key;
        this.tokenHash = tokenHash;
        this.subjectHash = subjectHash;
    }

    /** Derives the sub-keys; the caller may wipe {@code seed} afterwards. */
    static DataKey derive(KeyId keyId, byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a data key seed is 32 bytes");
        }
        try {
            byte[] sivKey = subKey(seed, "aes-siv", 64);
            byte[] ff1Key = subKey(seed, "ff1-aes256", 32);
            byte[] tokenKey = subKey(seed, "hmac-token", 32);
            byte[] subjectKey = subKey(seed, "hmac-subject", 32);
            DataKey key = new DataKey(keyId, new AesSiv(sivKey), ff1Key, hmac(tokenKey), hmac(subjectKey));
            // Best effort: the JCE and Tink keep their own copies, but ours need not linger.
            Arrays.fill(sivKey, (byte) 0);
            Arrays.fill(tokenKey, (byte) 0);
            Arrays.fill(subjectKey, (byte) 0);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive data sub-keys", e);
        }
    }

    KeyId keyId() {
        return keyId;
    }

    DeterministicAead siv() {
        return siv;
    }

    /** The FF1 key; callers must not modify it. */
    byte[] ff1Key() {
        return ff1Key;
    }

    /** The cached header of this key's tokens in {@code category} under the tenant key, or null; never modify it. */
    byte[] header(KeyId tenantKey, String category) {
        return headers.get(new HeaderRef(tenantKey, category));
    }

    void keepHeader(KeyId tenantKey, String category, byte[] header) {
        headers.putIfAbsent(new HeaderRef(tenantKey, category), header);
    }

    Prf tokenHash() {
        return tokenHash;
    }

    Prf subjectHash() {
        return subjectHash;
    }

    private static byte[] subKey(byte[] seed, String use, int size) throws GeneralSecurityException {
        byte[] info = ("lethe-vault/v1/" + use).getBytes(StandardCharsets.US_ASCII);
        return Hkdf.computeHkdf("HMACSHA256", seed, new byte[0], info, size);
    }

    private static Prf hmac(byte[] key) throws GeneralSecurityException {
        return new PrfHmacJce("HMACSHA256", new SecretKeySpec(key, "HMAC"));
    }
}
