-- API key scopes: what a key may do on top of what its roles allow. A key needs the scope for the
-- kind of request (read: GET and HEAD; write: every other method; admin: platform operations such
-- as the KEK) and a role that allows the operation. Keys made before scopes existed keep doing
-- what they did: they get every scope.
alter table api_key
    add column scopes text[] not null default array['read', 'write', 'admin']::text[];

alter table api_key
    add constraint api_key_scopes_known check (scopes <@ array['read', 'write', 'admin']::text[]);

-- The row type of api_key has a new column: the lookup returns it too. Same contract as in V6:
-- the owner's rights, a fixed search path, the key with that hash and nothing else.
create or replace function lethe_api_key_by_hash(presented_hash bytea) returns setof api_key
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select * from api_key where key_hash = presented_hash
$$;

revoke all on function lethe_api_key_by_hash(bytea) from public;
grant execute on function lethe_api_key_by_hash(bytea) to lethe_app;
