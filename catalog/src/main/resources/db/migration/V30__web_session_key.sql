-- The keys that sign the web UI's session cookies. The cookie carries the session id with an
-- HMAC-SHA-256 tag under one of these keys, so that the ids in spring_session (readable by anyone with
-- a copy of the database) are not enough to take over a session, and a row written into spring_session
-- by someone with the application's database rights is not reachable from any cookie. Each key is
-- sealed by the vault's KMS (AES-GCM under a data key the KEK wraps); the newest signs, every key not
-- yet past its lifetime verifies. Not a tenant table: a cookie is checked before anyone's tenant is known.
create table web_session_key (
    id          uuid        primary key,
    sealed_key  bytea       not null,
    data_key    bytea       not null,
    kek_version integer     not null,
    created_at  timestamptz not null default now()
);

-- The application reads the keys and adds new ones (automatic rotation) and removes expired ones; it
-- changes a wrapping only through lethe_web_session_key_rewrap below.
grant select, insert, delete on web_session_key to lethe_app;

-- KEK rotation: the same three narrow functions as for connection keys (V13).
create function lethe_web_session_key_kek_versions() returns setof integer
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select distinct kek_version from web_session_key
$$;

-- The nil tenant: session keys are the platform's; sealing binds the rows to it.
create function lethe_web_session_key_wrapped_keys(primary_version integer, after_id uuid, max_rows integer)
    returns table (id uuid, tenant_id uuid, kek_version integer, data_key bytea)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select k.id, '00000000-0000-0000-0000-000000000000'::uuid, k.kek_version, k.data_key
  from web_session_key k
 where k.kek_version <> primary_version
   and (after_id is null or k.id > after_id)
 order by k.id
 limit max_rows
$$;

create function lethe_web_session_key_rewrap(
        key_id uuid, old_wrapped bytea, old_version integer, wrapped bytea, new_version integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
begin
    update web_session_key
       set data_key = wrapped, kek_version = new_version
     where id = key_id and data_key = old_wrapped and kek_version = old_version;
    return found;
end
$$;

revoke all on function lethe_web_session_key_kek_versions() from public;
revoke all on function lethe_web_session_key_wrapped_keys(integer, uuid, integer) from public;
revoke all on function lethe_web_session_key_rewrap(uuid, bytea, integer, bytea, integer) from public;
grant execute on function lethe_web_session_key_kek_versions() to lethe_app;
grant execute on function lethe_web_session_key_wrapped_keys(integer, uuid, integer) to lethe_app;
grant execute on function lethe_web_session_key_rewrap(uuid, bytea, integer, bytea, integer) to lethe_app;
