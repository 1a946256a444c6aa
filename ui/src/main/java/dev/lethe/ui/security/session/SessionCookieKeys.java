package dev.lethe.ui.security.session;

import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.WrappedDek;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that sign session cookies ({@code web_session_key}, V30), each sealed by the vault's KMS.
 * Rotation is automatic: the newest key signs until it is {@code lifetime} old, then a new one is made;
 * a key keeps verifying for one absolute session time-out longer (no session outlives that), then it
 * is deleted. Instances share the keys through PostgreSQL: one that meets an unknown key id reloads
 * (at most every {@link #RELOAD_PAUSE}, so random key ids cannot turn into a query per request).
 * Thread-safe.
 */
public final class SessionCookieKeys {

    public static final String SEALING_LABEL = "lethe-web-session-key/v1";
    /** Session keys are the platform's; sealing binds them to the nil tenant. */
    static final UUID PLATFORM = new UUID(0, 0);

    private static final Logger log = LoggerFactory.getLogger(SessionCookieKeys.class);
    private static final Duration RELOAD_PAUSE = Duration.ofSeconds(10);

    private static final Table<Record> KEYS = DSL.table(DSL.name("web_session_key"));
    private static final Field<UUID> ID = DSL.field(DSL.name("id"), SQLDataType.UUID);
    private static final Field<byte[]> SEALED_KEY = DSL.field(DSL.name("sealed_key"), SQLDataType.BLOB);
    private static final Field<byte[]> DATA_KEY = DSL.field(DSL.name("data_key"), SQLDataType.BLOB);
    private static final Field<Integer> KEK_VERSION = DSL.field(DSL.name("kek_version"), SQLDataType.INTEGER);
    private static final Field<OffsetDateTime> CREATED_AT =
            DSL.field(DSL.name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    private record Loaded(SessionCookieTag.Key key, Instant createdAt) {}

    private final DSLContext dsl;
    private final Sealing sealing;
    private final Duration lifetime;
    private final Duration verifiesFor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private Map<UUID, Loaded> keys = Map.of();
    private Instant loadedAt = Instant.MIN;

    SessionCookieKeys(DSLContext dsl, Sealing sealing, Duration lifetime, Duration absoluteTimeout, Clock clock) {
        this.dsl = dsl;
        this.sealing = sealing;
        this.lifetime = lifetime;
        this.verifiesFor = lifetime.plus(absoluteTimeout);
        this.clock = clock;
    }

    /** The key new cookies are signed with, made when there is none younger than the lifetime. */
    synchronized SessionCookieTag.Key signingKey() {
        Optional<Loaded> newest = newest();
        if (newest.isEmpty() || tooOldToSign(newest.get())) {
            reload();
            newest = newest();
        }
        if (newest.isEmpty() || tooOldToSign(newest.get())) {
            create();
            reload();
            newest = newest();
        }
        return newest.orElseThrow(() -> new IllegalStateException("no session cookie key could be made"))
                .key();
    }

    /** The key with this id, while it still verifies. */
    synchronized Optional<SessionCookieTag.Key> verifyingKey(UUID id) {
        Instant now = clock.instant();
        if (!keys.containsKey(id) && loadedAt.plus(RELOAD_PAUSE).isBefore(now)) {
            reload();
        }
        return Optional.ofNullable(keys.get(id))
                .filter(loaded -> loaded.createdAt().plus(verifiesFor).isAfter(now))
                .map(Loaded::key);
    }

    private Optional<Loaded> newest() {
        return keys.values().stream().max(Comparator.comparing(Loaded::createdAt));
    }

    private boolean tooOldToSign(Loaded key) {
        return !key.createdAt().plus(lifetime).isAfter(clock.instant());
    }

    private void reload() {
        Map<UUID, Loaded> fresh = new HashMap<>();
        for (Record row : dsl.select(ID, SEALED_KEY, DATA_KEY, KEK_VERSION, CREATED_AT)
                .from(KEYS)
                .fetch()) {
            UUID id = row.get(ID);
            try {
                byte[] secret = sealing.open(
                        PLATFORM,
                        id,
                        new Sealing.SealedBox(
                                row.get(SEALED_KEY), new WrappedDek(row.get(KEK_VERSION), row.get(DATA_KEY))));
                try {
                    fresh.put(
                            id,
                            new Loaded(
                                    new SessionCookieTag.Key(id, secret),
                                    row.get(CREATED_AT).toInstant()));
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            } catch (RuntimeException e) {
                // A key the KMS cannot open (outage, retired KEK version, a row written by someone
                // without the KMS) signs and verifies nothing: its sessions end, none can be forged.
                log.warn(
                        "Session cookie key {} could not be opened by the KMS ({}); cookies signed with it are refused",
                        id,
                        e.getClass().getSimpleName());
            }
        }
        keys = Map.copyOf(fresh);
        loadedAt = clock.instant();
    }

    private void create() {
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        try {
            Sealing.SealedBox sealed = sealing.seal(PLATFORM, id, secret);
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            dsl.insertInto(KEYS)
                    .set(ID, id)
                    .set(SEALED_KEY, sealed.ciphertext())
                    .set(DATA_KEY, sealed.dataKey().ciphertext())
                    .set(KEK_VERSION, sealed.dataKey().kekVersion())
                    .set(CREATED_AT, now)
                    .execute();
            dsl.deleteFrom(KEYS).where(CREATED_AT.lt(now.minus(verifiesFor))).execute();
            log.info("Made a new session cookie key {}", id);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
