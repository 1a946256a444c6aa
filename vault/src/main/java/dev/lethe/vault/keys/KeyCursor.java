package dev.lethe.vault.keys;

import java.util.Objects;

/** Position in the key table's (tenant, keyId) order, for paging through it during re-wrapping. */
public record KeyCursor(String tenant, KeyId keyId) implements Comparable<KeyCursor> {
    public KeyCursor {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyId, "keyId");
    }

    public static KeyCursor of(WrappedKey key) {
        return new KeyCursor(key.tenant(), key.keyId());
    }

    @Override
    public int compareTo(KeyCursor other) {
        int byTenant = tenant.compareTo(other.tenant);
        return byTenant != 0 ? byTenant : keyId.compareTo(other.keyId);
    }
}
