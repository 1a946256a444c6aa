-- The vault's key store (module vault, dev.lethe.vault.postgres.PostgresKeyRepository).
-- Data keys are stored only wrapped by a KMS key-encryption key; a subject appears only as a keyed
-- hash (HMAC-SHA-256 under the tenant key), never as its raw identifier. The tenant is the vault's
-- tenant string (the catalog tenant's UUID as text); no foreign key, so that the vault stays usable
-- without the catalog's tables.
create table vault_key (
    tenant       text        collate "C" not null,
    key_id       text        collate "C" not null,
    scope        text        not null,
    subject_hash text        collate "C",
    kek_version  integer     not null,
    wrapped      bytea       not null,
    created_at   timestamptz not null,
    -- Also the re-wrap paging order (binary collation, as the SPI asks).
    primary key (tenant, key_id),
    constraint vault_key_scope check (scope in ('TENANT', 'SUBJECT')),
    constraint vault_key_subject_hash_iff_subject check ((scope = 'TENANT') = (subject_hash is null)),
    constraint vault_key_id_format check (key_id ~ '^[0-9a-f]{32}$'),
    constraint vault_key_subject_hash_format check (subject_hash ~ '^[0-9a-f]{64}$')
);

-- At most one tenant key per tenant and one current key per subject: what makes first use race-free
-- (INSERT ... ON CONFLICT DO NOTHING without a conflict target honours both).
create unique index vault_key_one_tenant_key on vault_key (tenant) where scope = 'TENANT';
create unique index vault_key_one_subject_key on vault_key (tenant, subject_hash) where scope = 'SUBJECT';
create index vault_key_by_kek_version on vault_key (kek_version);

-- Evidence that a subject key was destroyed (crypto-shredding): when, by whom, for which request.
-- It holds no key material, and outlives the key so that its tokens answer "subject erased".
create table vault_shred (
    tenant       text        collate "C" not null,
    key_id       text        collate "C" not null,
    subject_hash text        collate "C" not null,
    shredded_at  timestamptz not null,
    actor        text        not null,
    request_id   text        not null,
    primary key (tenant, key_id)
);

create index vault_shred_by_subject on vault_shred (tenant, subject_hash, shredded_at);

-- Shred records are evidence: like the audit chain, the table refuses edits and deletions itself.
create function vault_shred_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'vault_shred is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger vault_shred_no_update_or_delete
    before update or delete on vault_shred
    for each row execute function vault_shred_refuse_change();

create trigger vault_shred_no_truncate
    before truncate on vault_shred
    for each statement execute function vault_shred_refuse_change();
