package dev.lethe.vault.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link KeyRepository} in memory, for unit tests, benchmarks and local experiments. Not durable: a
 * restart loses every key and so makes every token unreadable. It honours the full contract; each method
 * holds one lock, which is plenty for tests but not meant for production load.
 */
public final class InMemoryKeyRepository implements KeyRepository {
    private final TreeMap<KeyCursor, WrappedKey> keys = new TreeMap<>();
    private final Map<Owner, KeyId> owners = new HashMap<>();
    private final List<ShredRecord> shreds = new ArrayList<>();

    private record Owner(String tenant, SubjectHash subject) {}

    @Override
    public synchronized Optional<WrappedKey> findTenantKey(String tenant) {
        return byOwner(new Owner(tenant, null));
    }

    @Override
    public synchronized Optional<WrappedKey> findSubjectKey(String tenant, SubjectHash subject) {
        return byOwner(new Owner(tenant, subject));
    }

    @Override
    public synchronized Optional<WrappedKey> findByKeyId(String tenant, KeyId keyId) {
        return Optional.ofNullable(keys.get(new KeyCursor(tenant, keyId)));
    }

    @Override
    public synchronized WrappedKey insertIfAbsent(WrappedKey candidate) {
        Owner owner = new Owner(candidate.tenant(), candidate.subjectHash());
        Optional<WrappedKey> existing = byOwner(owner);
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyCursor id = KeyCursor.of(candidate);
        if (keys.containsKey(id)) {
            throw new IllegalStateException("duplicate key id");
        }
        keys.put(id, candidate);
        owners.put(owner, candidate.keyId());
        return candidate;
    }

    @Override
    public synchronized Optional<ShredRecord> shredSubjectKey(
            String tenant, SubjectHash subject, Instant at, String actor, String requestId) {
        KeyId keyId = owners.remove(new Owner(tenant, subject));
        if (keyId == null) {
            return Optional.empty();
        }
        keys.remove(new KeyCursor(tenant, keyId));
        ShredRecord record = new ShredRecord(tenant, subject, keyId, at, actor, requestId);
        shreds.add(record);
        return Optional.of(record);
    }

    @Override
    public synchronized Optional<ShredRecord> findShred(String tenant, KeyId keyId) {
        return shreds.stream()
                .filter(r -> r.tenant().equals(tenant) && r.keyId().equals(keyId))
                .findFirst();
    }

    @Override
    public synchronized List<ShredRecord> findShreds(String tenant, SubjectHash subject) {
        return shreds.stream()
                .filter(r -> r.tenant().equals(tenant) && r.subjectHash().equals(subject))
                .toList();
    }

    @Override
    public synchronized List<WrappedKey> findWrappedWithOtherVersion(int kekVersion, KeyCursor after, int limit) {
        var tail = after == null ? keys : keys.tailMap(after, false);
        return tail.values().stream()
                .filter(k -> k.kekVersion() != kekVersion)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean replaceWrapping(
            String tenant, KeyId keyId, int expectedKekVersion, int newKekVersion, byte[] wrapped) {
        KeyCursor id = new KeyCursor(tenant, keyId);
        WrappedKey current = keys.get(id);
        if (current == null || current.kekVersion() != expectedKekVersion) {
            return false;
        }
        keys.put(id, current.rewrapped(newKekVersion, wrapped));
        return true;
    }

    @Override
    public synchronized Map<Integer, Long> countByKekVersion() {
        Map<Integer, Long> counts = new TreeMap<>();
        keys.values().forEach(k -> counts.merge(k.kekVersion(), 1L, Long::sum));
        return counts;
    }

    /** How many keys are stored; for tests. */
    public synchronized int size() {
        return keys.size();
    }

    private Optional<WrappedKey> byOwner(Owner owner) {
        KeyId keyId = owners.get(owner);
        return keyId == null ? Optional.empty() : Optional.ofNullable(keys.get(new KeyCursor(owner.tenant(), keyId)));
    }
}
