-- Operations of connectors that finish later, outside Lethe: a webhook that answered 202 and will
-- call back through a one-time URL, or a manual task a person confirms. One row per (tenant,
-- connection, operation, action); its id is derived from those (PendingOperation.idFor in the
-- connectors SPI), so a retried call finds the same row. Connections are named by text and not
-- referenced: the connections table comes with its own migration.
--
-- Callback tokens are 256 random bits shown once, in the URL sent to the service; only their
-- SHA-256 is kept. A token is accepted once: the row turns COMPLETED and a second use is refused.
--
-- A service's result (for ACCESS, a data subject's records) is kept only sealed, as connections keep
-- their secrets (V13): AES-GCM under a data key of its own, stored wrapped by the vault's KMS
-- (kek_version says by which KEK version, for rotation), tenant and id bound as associated data.
-- A manual task's note is written by a person who completes it, not by a system: kept as text.

create table pending_operation (
    tenant_id     uuid        not null references tenant (id),
    id            uuid        not null,
    connection    text        not null,
    operation_id  text        not null,
    action        text        not null,
    kind          text        not null,
    status        text        not null,
    token_hash    bytea,
    expires_at    timestamptz,
    instructions  text,
    assignee      text,
    result        bytea,
    result_dek    bytea,
    kek_version   integer,
    note          text,
    completed_by  text,
    created_at    timestamptz not null default now(),
    completed_at  timestamptz,
    primary key (tenant_id, id),
    constraint pending_operation_key unique (tenant_id, connection, operation_id, action),
    constraint pending_operation_token unique (token_hash),
    constraint pending_operation_action check (action in ('LOCATE', 'ACCESS', 'ERASE', 'RECTIFY')),
    constraint pending_operation_kind check (kind in ('CALLBACK', 'MANUAL_TASK')),
    constraint pending_operation_status check (status in ('ISSUED', 'WAITING', 'COMPLETED')),
    constraint pending_operation_completed check ((status = 'COMPLETED') = (completed_at is not null)),
    constraint pending_operation_task check (kind <> 'MANUAL_TASK' or instructions is not null),
    constraint pending_operation_sealed check (
        (result is null) = (result_dek is null) and (result is null) = (kek_version is null))
);

-- Open manual tasks, oldest first.
create index pending_operation_open on pending_operation (tenant_id, kind, status, created_at);
create index pending_operation_kek_version on pending_operation (kek_version);

alter table pending_operation enable row level security;
create policy tenant_isolation on pending_operation
    using (tenant_id = lethe_tenant())
    with check (tenant_id = lethe_tenant());

-- A callback arrives before the tenant is known: this function, running with the owner's rights,
-- finds the pending operation of a token's hash (tenant and id only), and nothing else. The caller
-- then acts as that tenant, under row-level security.
create function lethe_pending_operation_by_token(presented_hash bytea)
    returns table (tenant_id uuid, id uuid)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select p.tenant_id, p.id from pending_operation p where p.token_hash = presented_hash
$$;

revoke all on function lethe_pending_operation_by_token(bytea) from public;
grant execute on function lethe_pending_operation_by_token(bytea) to lethe_app;

-- KEK rotation spans tenants: as for connections (V13), three narrow functions instead of a platform
-- policy on the rows: which KEK versions wrap result keys, a page of wrapped data keys not under the
-- primary version (the keys only: no result), and a compare-and-set of one row's wrapping. Ids are
-- derived from the tenant among other things (PendingOperation.idFor), so they are unique across tenants.
create function lethe_pending_result_kek_versions() returns setof integer
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select distinct kek_version from pending_operation where kek_version is not null
$$;

create function lethe_pending_result_wrapped_keys(primary_version integer, after_id uuid, max_rows integer)
    returns table (id uuid, tenant_id uuid, kek_version integer, result_dek bytea)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select p.id, p.tenant_id, p.kek_version, p.result_dek
  from pending_operation p
 where p.kek_version <> primary_version
   and (after_id is null or p.id > after_id)
 order by p.id
 limit max_rows
$$;

create function lethe_pending_result_rewrap(
        pending_id uuid, old_wrapped bytea, old_version integer, wrapped bytea, new_version integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
begin
    update pending_operation
       set result_dek = wrapped, kek_version = new_version
     where id = pending_id and result_dek = old_wrapped and kek_version = old_version;
    return found;
end
$$;

revoke all on function lethe_pending_result_kek_versions() from public;
revoke all on function lethe_pending_result_wrapped_keys(integer, uuid, integer) from public;
revoke all on function lethe_pending_result_rewrap(uuid, bytea, integer, bytea, integer) from public;
grant execute on function lethe_pending_result_kek_versions() to lethe_app;
grant execute on function lethe_pending_result_wrapped_keys(integer, uuid, integer) to lethe_app;
grant execute on function lethe_pending_result_rewrap(uuid, bytea, integer, bytea, integer) to lethe_app;
