-- API keys belong to people: a key made by a signed-in person, or with a person's key, records that
-- person as its owner, and ends when they are disabled. Keys without an owner are the bootstrap key and
-- keys made by services (a JWT). last_used_at is written at most once a minute per key, so that
-- authenticating stays a read.
alter table api_key
    add column owner_user_id uuid references app_user (id),
    add column last_used_at  timestamptz;

create index api_key_owner on api_key (tenant_id, owner_user_id) where owner_user_id is not null;

-- A revoked key's name may be used again.
alter table api_key drop constraint api_key_name_unique;
create unique index api_key_name_unique on api_key (tenant_id, name) where revoked_at is null;

-- The row type of api_key has new columns: the lookup returns them too. Same contract as in V6 and V8.
create or replace function lethe_api_key_by_hash(presented_hash bytea) returns setof api_key
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select * from api_key where key_hash = presented_hash
$$;

revoke all on function lethe_api_key_by_hash(bytea) from public;
grant execute on function lethe_api_key_by_hash(bytea) to lethe_app;

-- A key is used before its tenant is known: this function notes the use of the one key it names, and
-- only if its last noted use is a minute old or more. Answers whether it wrote.
create function lethe_api_key_used(key_id uuid) returns boolean
    language sql volatile security definer
    set search_path = public, pg_temp as
$$
with noted as (
    update api_key
    set last_used_at = now()
    where id = key_id
      and (last_used_at is null or last_used_at < now() - interval '1 minute')
    returning 1)
select exists (select 1 from noted)
$$;

revoke all on function lethe_api_key_used(uuid) from public;
grant execute on function lethe_api_key_used(uuid) to lethe_app;
