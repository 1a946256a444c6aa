package dev.lethe.app.connectors;

import dev.lethe.vault.RewrappedOnRotation;
import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.WrappedDek;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Values sealed by {@link Sealing} rotate with the KEK, like the audit signing keys: their data keys
 * are wrapped by the vault's KMS, so a rotation must not retire a version that still wraps one
 * ({@link #kekVersionsInUse}), and re-wraps them under the new primary ({@link #rewrapUnderPrimary}).
 * Both go through three narrow security-definer functions of the table ({@code lethe_<name>_kek_versions()},
 * {@code lethe_<name>_wrapped_keys(primary, after_id, max_rows)} giving id, tenant, KEK version and
 * wrapped key, and {@code lethe_<name>_rewrap(id, old_wrapped, old_version, wrapped, new_version)}),
 * which see every tenant's wrapped keys and nothing else; the re-wrap is a compare-and-set, so a row
 * sealed anew meanwhile (a new data key) is left alone. Thread-safe.
 */
public final class SealedKeyRotation implements RewrappedOnRotation {

    private final DSLContext dsl;
    private final Sealing sealing;
    private final String versions;
    private final String wrappedKeys;
    private final String rewrap;

    /** @param name the functions' infix, e.g. {@code connection} for {@code lethe_connection_rewrap} */
    public SealedKeyRotation(DSLContext dsl, Sealing sealing, String name) {
        if (!Objects.requireNonNull(name, "name").matches("[a-z][a-z_]{0,40}")) {
            throw new IllegalArgumentException("not a function infix: " + name);
        }
        this.dsl = dsl;
        this.sealing = sealing;
        this.versions = "select * from lethe_" + name + "_kek_versions()";
        this.wrappedKeys = "select * from lethe_" + name + "_wrapped_keys(?, cast(? as uuid), ?)";
        this.rewrap = "select lethe_" + name + "_rewrap(?, ?, ?, ?, ?)";
    }

    @Override
    public Set<Integer> kekVersionsInUse() {
        return Set.copyOf(dsl.fetch(versions).getValues(0, Integer.class));
    }

    @Override
    public long rewrapUnderPrimary(int batchSize) {
        int primary = sealing.primaryKekVersion();
        long rewrapped = 0;
        UUID after = null;
        Set<UUID> seen = new HashSet<>();
        while (true) {
            Result<Record> page = dsl.fetch(wrappedKeys, primary, DSL.val(after, SQLDataType.UUID), batchSize);
            for (Record key : page) {
                UUID id = key.get(0, UUID.class);
                if (!seen.add(id)) {
                    continue;
                }
                UUID tenant = key.get(1, UUID.class);
                int version = key.get(2, Integer.class);
                byte[] wrapped = key.get(3, byte[].class);
                WrappedDek fresh = sealing.rewrap(tenant, id, new WrappedDek(version, wrapped));
                Object replaced = dsl.fetchValue(rewrap, id, wrapped, version, fresh.ciphertext(), fresh.kekVersion());
                if (Boolean.TRUE.equals(replaced)) {
                    rewrapped++;
                }
            }
            if (page.size() < batchSize) {
                return rewrapped;
            }
            after = page.getLast().get(0, UUID.class);
        }
    }
}
