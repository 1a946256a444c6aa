package dev.lethe.connectors.spi;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract of {@link PendingOperations} kept in memory, for connector tests; the application's
 * store keeps the same in PostgreSQL (and is tested there). Tokens are kept in clear here so a test
 * can play the service calling back.
 */
public final class InMemoryPendingOperations implements PendingOperations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI callbackBase;
    private final Map<String, Stored> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByToken = new ConcurrentHashMap<>();

    private record Stored(PendingOperation operation, Status status, String resultJson, Opening opening) {}

    public InMemoryPendingOperations(URI callbackBase) {
        this.callbackBase = callbackBase;
    }

    @Override
    public synchronized Entry open(Opening opening) {
        String id = opening.id();
        Stored stored = byId.computeIfAbsent(
                id,
                key -> new Stored(
                        new PendingOperation(
                                key,
                                opening.action(),
                                opening.kind(),
                                opening.expiresIn() == null
                                        ? null
                                        : Instant.now().plus(opening.expiresIn())),
                        opening.kind() == PendingOperation.Kind.MANUAL_TASK ? Status.WAITING : Status.ISSUED,
                        null,
                        opening));
        boolean expired = stored.status() == Status.WAITING
                && stored.operation().expiresAt() != null
                && stored.operation().expiresAt().isBefore(Instant.now());
        if (stored.status() != Status.ISSUED && !expired) {
            return new Entry(stored.operation(), stored.status(), null, stored.resultJson());
        }
        if (expired) {
            stored = new Stored(
                    new PendingOperation(
                            id, opening.action(), opening.kind(), Instant.now().plus(opening.expiresIn())),
                    Status.ISSUED,
                    null,
                    stored.opening());
            byId.put(id, stored);
        }
        idByToken.values().remove(id);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        idByToken.put(token, id);
        return new Entry(stored.operation(), Status.ISSUED, callbackBase.resolve(token), null);
    }

    @Override
    public synchronized void waiting(java.util.UUID tenant, String id) {
        byId.computeIfPresent(
                id,
                (key, stored) -> stored.status() == Status.ISSUED
                        ? new Stored(stored.operation(), Status.WAITING, null, stored.opening())
                        : stored);
    }

    @Override
    public synchronized void complete(java.util.UUID tenant, String id, String resultJson) {
        byId.computeIfPresent(
                id,
                (key, stored) -> stored.status() == Status.COMPLETED
                        ? stored
                        : new Stored(stored.operation(), Status.COMPLETED, resultJson, stored.opening()));
    }

    /** What the callback endpoint does: accepts a result once per token. */
    public synchronized boolean callBack(String token, String resultJson) {
        String id = idByToken.get(token);
        if (id == null || byId.get(id).status() == Status.COMPLETED) {
            return false;
        }
        complete(null, id, resultJson);
        return true;
    }

    /** Makes the callback's token expire now, as time would. */
    public synchronized void expire(String id) {
        byId.computeIfPresent(
                id,
                (key, stored) -> new Stored(
                        new PendingOperation(
                                key,
                                stored.operation().action(),
                                stored.operation().kind(),
                                Instant.now().minusSeconds(1)),
                        stored.status(),
                        stored.resultJson(),
                        stored.opening()));
    }

    public Optional<Status> status(String id) {
        return Optional.ofNullable(byId.get(id)).map(Stored::status);
    }

    public Optional<Opening> opening(String id) {
        return Optional.ofNullable(byId.get(id)).map(Stored::opening);
    }
}
