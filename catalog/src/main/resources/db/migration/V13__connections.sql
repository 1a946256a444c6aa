-- Connectors: the identity a field holds, references between datasets, and registered connections.

-- 1. Which identity type a field holds (email, phone, customer_id, ...): discovery suggests it on
--    DISCOVERED fields, a person confirms it. Erasure and locate start at CONFIRMED fields that have one.
alter table data_field
    add column identity_type text,
    add constraint data_field_identity_type check (identity_type ~ '^[a-z][a-z0-9_]{0,62}$');

-- 2. Records of one dataset refer to records of another: from_fields hold the values of to_fields (a
--    foreign key found by discovery, or a reference a person added). Requests follow them from a
--    subject's records to the records that hold no identity themselves (an order's items).
create table dataset_reference (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenant (id),
    from_dataset_id uuid        not null,
    from_fields     text[]      not null,
    to_dataset_id   uuid        not null,
    to_fields       text[]      not null,
    source          text        not null,
    version         integer     not null default 1,
    created_at      timestamptz not null default now(),
    created_by      text        not null,
    updated_at      timestamptz not null default now(),
    updated_by      text        not null,
    constraint dataset_reference_from foreign key (tenant_id, from_dataset_id) references dataset (tenant_id, id),
    constraint dataset_reference_to foreign key (tenant_id, to_dataset_id) references dataset (tenant_id, id),
    constraint dataset_reference_unique unique (from_dataset_id, from_fields, to_dataset_id, to_fields),
    constraint dataset_reference_fields check (
        cardinality(from_fields) between 1 and 32 and cardinality(from_fields) = cardinality(to_fields)),
    constraint dataset_reference_source check (source in ('DISCOVERED', 'MANUAL'))
);

create index dataset_reference_tenant_from on dataset_reference (tenant_id, from_dataset_id);
create index dataset_reference_tenant_to on dataset_reference (tenant_id, to_dataset_id);

alter table dataset_reference enable row level security;
create policy tenant_isolation on dataset_reference
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- 3. Connections registered by engineering teams: a connector type, its settings and the catalog
--    system it reaches. Settings that are not secret are kept as JSON; the secret ones (passwords,
--    tokens) only encrypted: AES-GCM under a data key of their own, which is stored wrapped by the
--    vault's KMS (kek_version says by which KEK version, for rotation). Both bind tenant and id as
--    associated data, so a row's secrets can't be moved to another row.
create table connection (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenant (id),
    name        text        not null,
    type        text        not null,
    system_id   uuid        not null,
    config      jsonb       not null,
    -- Which secret settings are set (names only), so that listing connections opens no envelope.
    secret_names text[]     not null default '{}',
    secrets     bytea       not null,
    secrets_dek bytea       not null,
    kek_version integer     not null,
    version     integer     not null default 1,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null,
    constraint connection_name_unique unique (tenant_id, name),
    constraint connection_system foreign key (tenant_id, system_id) references data_system (tenant_id, id),
    constraint connection_name_length check (char_length(name) between 1 and 200),
    constraint connection_type_format check (type ~ '^[a-z][a-z0-9-]{0,62}$')
);

create index connection_tenant_name on connection (tenant_id, name);
create index connection_kek_version on connection (kek_version);

alter table connection enable row level security;
create policy tenant_isolation on connection
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- KEK rotation spans tenants. As for the audit signing keys (V12), the application's role gets three
-- narrow functions instead of a platform policy on the rows: which KEK versions wrap connection keys,
-- a page of wrapped data keys not under the primary version (the keys only: no settings, no secrets),
-- and a compare-and-set of one row's wrapping, which changes nothing else.
create function lethe_connection_kek_versions() returns setof integer
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select distinct kek_version from connection
$$;

create function lethe_connection_wrapped_keys(primary_version integer, after_id uuid, max_rows integer)
    returns table (id uuid, tenant_id uuid, kek_version integer, secrets_dek bytea)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select c.id, c.tenant_id, c.kek_version, c.secrets_dek
  from connection c
 where c.kek_version <> primary_version
   and (after_id is null or c.id > after_id)
 order by c.id
 limit max_rows
$$;

create function lethe_connection_rewrap(
        connection_id uuid, old_wrapped bytea, old_version integer, wrapped bytea, new_version integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
begin
    update connection
       set secrets_dek = wrapped, kek_version = new_version
     where id = connection_id and secrets_dek = old_wrapped and kek_version = old_version;
    return found;
end
$$;

revoke all on function lethe_connection_kek_versions() from public;
revoke all on function lethe_connection_wrapped_keys(integer, uuid, integer) from public;
revoke all on function lethe_connection_rewrap(uuid, bytea, integer, bytea, integer) from public;
grant execute on function lethe_connection_kek_versions() to lethe_app;
grant execute on function lethe_connection_wrapped_keys(integer, uuid, integer) to lethe_app;
grant execute on function lethe_connection_rewrap(uuid, bytea, integer, bytea, integer) to lethe_app;
