-- Tenants own everything else in the catalog. The slug is what people and URLs use.
create table tenant (
    id         uuid        primary key,
    slug       text        not null unique,
    name       text        not null,
    created_at timestamptz not null default now(),
    constraint tenant_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);

-- API keys for scripts and engineering integrations. Only a SHA-256 of the key is stored: keys
-- are long random strings, so a fast hash is enough and the plaintext never touches the database.
create table api_key (
    id         uuid        primary key,
    tenant_id  uuid        not null references tenant (id),
    name       text        not null,
    key_prefix text        not null,
    key_hash   bytea       not null unique,
    roles      text[]      not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    constraint api_key_name_unique unique (tenant_id, name)
);

create index api_key_tenant on api_key (tenant_id);

insert into tenant (id, slug, name)
values ('00000000-0000-0000-0000-000000000001', 'default', 'Default tenant');
