package dev.lethe.app.connectors;

import dev.lethe.app.vault.RewrappedOnRotation;
import dev.lethe.vault.kms.WrappedDek;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Connection secrets rotate with the KEK, like the audit signing keys: their data keys are wrapped by
 * the vault's KMS, so a rotation must not retire a version that still wraps one ({@link
 * #kekVersionsInUse}), and re-wraps them under the new primary ({@link #rewrapUnderPrimary}). Both go
 * through the narrow functions of V13, which see every tenant's wrapped keys and nothing else; the
 * re-wrap is a compare-and-set, so a connection changed meanwhile (a new data key) is left alone.
 */
final class ConnectionSecretRotation implements RewrappedOnRotation {

    private final DSLContext dsl;
    private final ConnectionSecrets secrets;

    ConnectionSecretRotation(DSLContext dsl, ConnectionSecrets secrets) {
        this.dsl = dsl;
        this.secrets = secrets;
    }

    @Override
    public Set<Integer> kekVersionsInUse() {
        return Set.copyOf(
                dsl.fetch("select * from lethe_connection_kek_versions()").getValues(0, Integer.class));
    }

    @Override
    public long rewrapUnderPrimary(int batchSize) {
        int primary = secrets.primaryKekVersion();
        long rewrapped = 0;
        UUID after = null;
        Set<UUID> seen = new HashSet<>();
        while (true) {
            Result<Record4<UUID, UUID, Integer, byte[]>> page = dsl.select(
                            DSL.field("id", SQLDataType.UUID),
                            DSL.field("tenant_id", SQLDataType.UUID),
                            DSL.field("kek_version", SQLDataType.INTEGER),
                            DSL.field("secrets_dek", SQLDataType.BLOB))
                    .from(
                            "lethe_connection_wrapped_keys({0}, cast({1} as uuid), {2})",
                            DSL.val(primary), DSL.val(after, SQLDataType.UUID), DSL.val(batchSize))
                    .fetch();
            for (Record4<UUID, UUID, Integer, byte[]> key : page) {
                if (!seen.add(key.value1())) {
                    continue;
                }
                WrappedDek fresh =
                        secrets.rewrap(key.value2(), key.value1(), new WrappedDek(key.value3(), key.value4()));
                Object replaced = dsl.fetchValue(
                        "select lethe_connection_rewrap(?, ?, ?, ?, ?)",
                        key.value1(),
                        key.value4(),
                        key.value3(),
                        fresh.ciphertext(),
                        fresh.kekVersion());
                if (Boolean.TRUE.equals(replaced)) {
                    rewrapped++;
                }
            }
            if (page.size() < batchSize) {
                return rewrapped;
            }
            after = page.getLast().value1();
        }
    }
}
