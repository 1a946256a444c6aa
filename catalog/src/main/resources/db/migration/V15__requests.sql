-- Data-subject requests (#12): the request, its progress in each connected system, its timeline, and the
-- restrictions (GDPR Art. 18) and objections (Art. 21) recorded for a subject. PostgreSQL is the source
-- of truth; the workflow that drives a request reads and records here (RequestLedger).
--
-- The subject's identities (and, for a rectification, the corrected values; for an objection, the
-- purpose) are kept only sealed, as connections keep their secrets (V13): AES-GCM under a data key of
-- their own, stored wrapped by the vault's KMS (kek_version says by which KEK version, for rotation),
-- tenant and id bound as associated data. In clear only: the identity types (for people) and the
-- identities' keyed hashes (the vault's subject hashes under the tenant key), to find duplicates and
-- to match restrictions and objections without keeping an identifier.

create table request (
    id               uuid        primary key,
    tenant_id        uuid        not null references tenant (id),
    type             text        not null,
    status           text        not null,
    regulation       text        not null,
    channel          text        not null,
    created_by       text        not null,
    identity_types   text[]      not null,
    -- Sorted, so that two requests about the same identities have equal arrays.
    identity_hashes  text[]      not null,
    subject          bytea       not null,
    subject_dek      bytea       not null,
    kek_version      integer     not null,
    received_at      timestamptz not null,
    due_at           timestamptz not null,
    extended         boolean     not null default false,
    extension_reason text,
    -- The open request this one duplicates (same tenant; requests are never deleted). No foreign key:
    -- a table that refers to itself confuses jOOQ's generated path methods.
    linked_to        uuid,
    approved_by      text,
    approved_at      timestamptz,
    approval_reason  text,
    denial_reason    text,
    -- While ON_HOLD: the status it had, to which a release returns it.
    held_status      text,
    hold_reason      text,
    revision         bigint      not null default 0,
    updated_at       timestamptz not null default now(),
    closed_at        timestamptz,
    constraint request_tenant_id unique (tenant_id, id),
    constraint request_type check (
        type in ('ACCESS', 'EXPORT', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION')),
    constraint request_status check (status in (
        'RECEIVED', 'IDENTITY_UNVERIFIED', 'VERIFIED', 'AWAITING_APPROVAL', 'APPROVED', 'DENIED',
        'IN_PROGRESS', 'VERIFYING', 'COMPLETED', 'COMPLETED_WITH_EXCEPTIONS', 'ON_HOLD', 'CANCELED')),
    constraint request_channel check (channel in ('API', 'PORTAL', 'EMAIL')),
    constraint request_regulation check (regulation ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    constraint request_identities check (
        cardinality(identity_types) between 1 and 32 and cardinality(identity_hashes) = cardinality(identity_types)),
    constraint request_held check ((status = 'ON_HOLD') = (held_status is not null)),
    constraint request_not_self_linked check (linked_to is null or linked_to <> id)
);

-- Lists sort by due date; duplicates are found by type and hashes among open requests.
create index request_tenant_due on request (tenant_id, due_at, id);
create index request_tenant_status on request (tenant_id, status);
create index request_duplicates on request (tenant_id, type, identity_hashes) where closed_at is null;
create index request_linked_to on request (tenant_id, linked_to) where linked_to is not null;
create index request_kek_version on request (kek_version);

alter table request enable row level security;
create policy tenant_isolation on request
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- One row per connected system a request runs through (the connection is its key). The plan is what
-- the request will do there (for an erasure, shown to the approver before approval): JSON without
-- personal data. Connections are referenced by id and not by a foreign key: a request's record must
-- outlive a connection removed later.
create table request_system (
    tenant_id         uuid        not null,
    request_id        uuid        not null,
    connection_id     uuid        not null,
    system_id         uuid,
    name              text,
    connector_type    text,
    state             text        not null,
    found             bigint      not null default -1,
    detail            text,
    pending_operation text,
    attempts          integer     not null default 0,
    plan              jsonb,
    updated_at        timestamptz not null default now(),
    primary key (tenant_id, request_id, connection_id),
    constraint request_system_request foreign key (tenant_id, request_id) references request (tenant_id, id),
    constraint request_system_state check (state in ('PENDING', 'RUNNING', 'WAITING', 'DONE', 'FAILED', 'SKIPPED'))
);

alter table request_system enable row level security;
create policy tenant_isolation on request_system
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- The request's timeline, for people: what happened, when, by whom. Details never hold identities.
create table request_event (
    id          bigint      generated always as identity primary key,
    tenant_id   uuid        not null,
    request_id  uuid        not null,
    at          timestamptz not null default now(),
    actor       text        not null,
    kind        text        not null,
    details     jsonb       not null default '{}',
    constraint request_event_request foreign key (tenant_id, request_id) references request (tenant_id, id),
    constraint request_event_kind check (kind ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$')
);

create index request_event_request on request_event (tenant_id, request_id, id);

alter table request_event enable row level security;
create policy tenant_isolation on request_event
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- Art. 18: the subject's data is restricted (kept, not otherwise used) until lifted. Art. 21: the
-- subject objects to one purpose (a catalog purpose code). Both name the subject by the keyed hashes
-- of its identities only, and the request that recorded them (one record per request).
create table subject_restriction (
    tenant_id       uuid        not null,
    request_id      uuid        not null,
    subject_hashes  text[]      not null,
    recorded_at     timestamptz not null default now(),
    lifted_at       timestamptz,
    primary key (tenant_id, request_id),
    constraint subject_restriction_request foreign key (tenant_id, request_id) references request (tenant_id, id)
);

create index subject_restriction_hashes on subject_restriction using gin (subject_hashes);

alter table subject_restriction enable row level security;
create policy tenant_isolation on subject_restriction
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

create table subject_objection (
    tenant_id       uuid        not null,
    request_id      uuid        not null,
    subject_hashes  text[]      not null,
    purpose         text        not null,
    recorded_at     timestamptz not null default now(),
    primary key (tenant_id, request_id),
    constraint subject_objection_request foreign key (tenant_id, request_id) references request (tenant_id, id)
);

create index subject_objection_hashes on subject_objection using gin (subject_hashes);

alter table subject_objection enable row level security;
create policy tenant_isolation on subject_objection
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- KEK rotation spans tenants: as for connections (V13), three narrow functions instead of a platform
-- policy on the rows: which KEK versions wrap request keys, a page of wrapped data keys not under the
-- primary version (the keys only: nothing sealed), and a compare-and-set of one row's wrapping.
create function lethe_request_subject_kek_versions() returns setof integer
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select distinct kek_version from request
$$;

create function lethe_request_subject_wrapped_keys(primary_version integer, after_id uuid, max_rows integer)
    returns table (id uuid, tenant_id uuid, kek_version integer, subject_dek bytea)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select r.id, r.tenant_id, r.kek_version, r.subject_dek
  from request r
 where r.kek_version <> primary_version
   and (after_id is null or r.id > after_id)
 order by r.id
 limit max_rows
$$;

create function lethe_request_subject_rewrap(
        request_id uuid, old_wrapped bytea, old_version integer, wrapped bytea, new_version integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
begin
    update request
       set subject_dek = wrapped, kek_version = new_version
     where id = request_id and subject_dek = old_wrapped and kek_version = old_version;
    return found;
end
$$;

revoke all on function lethe_request_subject_kek_versions() from public;
revoke all on function lethe_request_subject_wrapped_keys(integer, uuid, integer) from public;
revoke all on function lethe_request_subject_rewrap(uuid, bytea, integer, bytea, integer) from public;
grant execute on function lethe_request_subject_kek_versions() to lethe_app;
grant execute on function lethe_request_subject_wrapped_keys(integer, uuid, integer) to lethe_app;
grant execute on function lethe_request_subject_rewrap(uuid, bytea, integer, bytea, integer) to lethe_app;

-- Metrics span tenants too: counts of open requests by status and type, how many of them are due
-- within a lead time and how many are overdue. Counts only, no row, no tenant.
create function lethe_request_counts(at_time timestamptz, due_within interval)
    returns table (status text, type text, open bigint, due_soon bigint, overdue bigint)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select r.status, r.type, count(*),
       count(*) filter (where r.due_at >= at_time and r.due_at < at_time + due_within),
       count(*) filter (where r.due_at < at_time)
  from request r
 where r.closed_at is null
 group by r.status, r.type
$$;

revoke all on function lethe_request_counts(timestamptz, interval) from public;
grant execute on function lethe_request_counts(timestamptz, interval) to lethe_app;
