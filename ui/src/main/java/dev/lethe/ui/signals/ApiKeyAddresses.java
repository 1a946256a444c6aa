package dev.lethe.ui.signals;

import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.tenant.TenantContext;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The client addresses each API key is used from (V28's {@code api_key_address}, keyed hashes only). The
 * first address of a key is its baseline; any later address it was never used from raises {@link
 * SignalType#API_KEY_NEW_ADDRESS}. The set keeps the {@code lethe.signals.addresses-per-key} most recently
 * seen. A key and address already seen by this instance cost no query (a bounded memory of pairs).
 * Thread-safe.
 */
public final class ApiKeyAddresses {

    private static final Table<?> TABLE = DSL.table("api_key_address");
    private static final Field<java.util.UUID> TENANT = DSL.field("tenant_id", SQLDataType.UUID);
    private static final Field<java.util.UUID> KEY = DSL.field("api_key_id", SQLDataType.UUID);
    private static final Field<byte[]> HASH = DSL.field("address_hash", SQLDataType.BLOB);
    private static final Field<OffsetDateTime> LAST_SEEN = DSL.field("last_seen_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final int REMEMBERED = 10_000;

    private final DSLContext dsl;
    private final AddressHashes hashes;
    private final SecuritySignals signals;
    private final int perKey;
    private final Set<String> recent =
            Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public ApiKeyAddresses(
            DSLContext dsl, AddressHashes hashes, SecuritySignals signals, SignalsProperties properties) {
        this.dsl = dsl;
        this.hashes = hashes;
        this.signals = signals;
        this.perKey = properties.addressesPerKey();
    }

    /** Notes that the key was used from the address; raises a signal when the key knew other addresses but not this one. */
    public void used(ApiKey key, String address) {
        if (address == null || address.isBlank()) {
            return;
        }
        byte[] hash = hashes.forKey(key.id(), address);
        String remembered = key.id() + "/" + HexFormat.of().formatHex(hash);
        if (recent.contains(remembered)) {
            return;
        }
        boolean newAddress = TenantContext.callAs(
                key.tenantId(),
                () -> dsl.transactionResult(configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    int known = tx.fetchCount(TABLE, TENANT.eq(key.tenantId()).and(KEY.eq(key.id())));
                    tx.insertInto(TABLE, TENANT, KEY, HASH)
                            .values(key.tenantId(), key.id(), hash)
                            .onConflict(TENANT, KEY, HASH)
                            .doUpdate()
                            .set(LAST_SEEN, DSL.currentOffsetDateTime())
                            .execute();
                    boolean fresh =
                            tx.fetchCount(TABLE, TENANT.eq(key.tenantId()).and(KEY.eq(key.id()))) > known;
                    if (fresh && known >= perKey) {
                        tx.deleteFrom(TABLE)
                                .where(TENANT.eq(key.tenantId()))
                                .and(KEY.eq(key.id()))
                                .and(HASH.notIn(tx.select(HASH)
                                        .from(TABLE)
                                        .where(TENANT.eq(key.tenantId()))
                                        .and(KEY.eq(key.id()))
                                        .orderBy(LAST_SEEN.desc())
                                        .limit(perKey)))
                                .execute();
                    }
                    return fresh && known > 0;
                }));
        recent.add(remembered);
        if (newAddress) {
            signals.raise(
                    key.tenantId(),
                    SignalType.API_KEY_NEW_ADDRESS,
                    "api-key:" + key.id(),
                    Map.of("address", hashes.label(address), "keyName", key.name()));
        }
    }
}
