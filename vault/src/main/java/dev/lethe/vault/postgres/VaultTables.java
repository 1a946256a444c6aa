package dev.lethe.vault.postgres;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The vault's two tables by name, as migration {@code V3__vault.sql} (module catalog) creates them. The
 * vault does not depend on the catalog's generated classes, so it names them itself.
 */
final class VaultTables {

    static final Table<Record> KEY = table(name("vault_key"));
    static final Field<String> KEY_TENANT = field(name("vault_key", "tenant"), SQLDataType.CLOB);
    static final Field<String> KEY_ID = field(name("vault_key", "key_id"), SQLDataType.CLOB);
    static final Field<String> KEY_SCOPE = field(name("vault_key", "scope"), SQLDataType.CLOB);
    static final Field<String> KEY_SUBJECT_HASH = field(name("vault_key", "subject_hash"), SQLDataType.CLOB);
    static final Field<Integer> KEY_KEK_VERSION = field(name("vault_key", "kek_version"), SQLDataType.INTEGER);
    static final Field<byte[]> KEY_WRAPPED = field(name("vault_key", "wrapped"), SQLDataType.BLOB);
    static final Field<OffsetDateTime> KEY_CREATED_AT =
            field(name("vault_key", "created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> SHRED = table(name("vault_shred"));
    static final Field<String> SHRED_TENANT = field(name("vault_shred", "tenant"), SQLDataType.CLOB);
    static final Field<String> SHRED_KEY_ID = field(name("vault_shred", "key_id"), SQLDataType.CLOB);
    static final Field<String> SHRED_SUBJECT_HASH = field(name("vault_shred", "subject_hash"), SQLDataType.CLOB);
    static final Field<OffsetDateTime> SHRED_AT =
            field(name("vault_shred", "shredded_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<String> SHRED_ACTOR = field(name("vault_shred", "actor"), SQLDataType.CLOB);
    static final Field<String> SHRED_REQUEST_ID = field(name("vault_shred", "request_id"), SQLDataType.CLOB);

    private VaultTables() {}
}
