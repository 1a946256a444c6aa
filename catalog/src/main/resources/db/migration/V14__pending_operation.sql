-- Operations of connectors that finish later, outside Lethe: a webhook that answered 202 and will
-- call back through a one-time URL, or a manual task a person confirms. One row per (tenant,
-- connection, operation, action); its id is derived from those (PendingOperation.idFor in the
-- connectors SPI), so a retried call finds the same row. Connections are named by text and not
-- referenced: the connections table comes with its own migration.
--
-- Callback tokens are 256 random bits shown once, in the URL sent to the service; only their
-- SHA-256 is kept. A token is accepted once: the row turns COMPLETED and a second use is refused.

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
    result        jsonb,
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
    constraint pending_operation_task check (kind <> 'MANUAL_TASK' or instructions is not null)
);

-- Open manual tasks, oldest first.
create index pending_operation_open on pending_operation (tenant_id, kind, status, created_at);

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
