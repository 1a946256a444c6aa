package dev.lethe.vault.kms;

import java.util.Arrays;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A key management service holding the key-encryption key (KEK) that wraps every data key (envelope
 * encryption). The KEK never leaves the KMS (or, for the local KMS, its keyset file); the vault sees
 * only wrapped data keys.
 *
 * <p>Implementations are thread-safe. {@code associatedData} binds a wrapped key to where it is stored
 * (tenant and key id): unwrapping with other associated data fails. Versions: the KEK has one primary
 * version that wraps, and possibly older versions that still unwrap until they are retired.
 */
public interface Kms {

    /** Short name for logs and configuration, e.g. {@code local}, {@code vault-transit}. */
    String name();

    /** Wraps {@code dataKey} under the current primary version. */
    WrappedDek wrap(byte[] dataKey, byte[] associatedData);

    /**
     * Unwraps a key wrapped by any version that is not retired.
     *
     * @throws KmsException not retriable when the ciphertext or associated data was tampered with or its
     *     version is retired
     */
    byte[] unwrap(WrappedDek wrapped, byte[] associatedData);

    /**
     * Wraps an already wrapped key under the current primary version. The default unwraps and wraps in
     * this process; a KMS that can do it without exposing the key (Vault transit {@code rewrap}) overrides.
     */
    default WrappedDek rewrap(WrappedDek wrapped, byte[] associatedData) {
        byte[] key = unwrap(wrapped, associatedData);
        try {
            return wrap(key, associatedData);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The version that {@link #wrap} uses now. */
    int primaryVersion();

    /** Versions that can still unwrap, including the primary. */
    SortedSet<Integer> activeVersions();

    /**
     * Creates a new KEK version and makes it primary; older versions keep unwrapping. Returns the new
     * version. Other processes using the same KMS see it on their next wrap at the latest.
     */
    int rotate();

    /**
     * The versions that {@link #retire} may be called with, oldest first, such that every version in
     * {@code stillNeeded} and the primary keep unwrapping. The default is every active version that is
     * neither the primary nor still needed; a KMS that can only retire versions below a minimum (Vault
     * transit's {@code min_decryption_version}) answers only the versions older than the oldest one
     * still needed, so an unused version may stay active behind an older one that is in use.
     *
     * @param stillNeeded versions that wrap keys someone still reads; never null
     */
    default SortedSet<Integer> retirableVersions(Set<Integer> stillNeeded) {
        int primary = primaryVersion();
        SortedSet<Integer> retirable = new TreeSet<>(activeVersions());
        retirable.remove(primary);
        retirable.removeAll(stillNeeded);
        return retirable;
    }

    /**
     * Retires exactly {@code version} so that it never unwraps again; for the local KMS its key material
     * is deleted. Never retires any other version: a KMS that can only retire below a minimum refuses a
     * version that is not its oldest active one. Retiring a version that is already retired does
     * nothing. The caller must have re-wrapped every key it wrapped under {@code version} first; {@link
     * #retirableVersions} says which versions can go, in the order to retire them.
     *
     * @throws IllegalArgumentException for the primary version
     * @throws IllegalStateException when this KMS cannot retire {@code version} without retiring an
     *     older active version too
     */
    void retire(int version);
}
