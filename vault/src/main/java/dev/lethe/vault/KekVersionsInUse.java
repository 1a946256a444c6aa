package dev.lethe.vault;

import java.util.Set;

/**
 * A store of keys wrapped by the vault's KMS outside the vault's own key table. KEK rotation retires no
 * version that any bean of this type still reports (and, with Vault transit, which can only retire every
 * version below a minimum, no newer one either), so such keys stay readable until their owner re-wraps
 * them. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface KekVersionsInUse {

    /** The KEK versions that wrap this store's keys now; never null. */
    Set<Integer> kekVersionsInUse();
}
