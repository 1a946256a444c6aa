-- The data-subject portal: what a request filed on a tenant's public privacy page needs besides the
-- request itself. The person proves they control the identity they gave by a one-time code sent to it;
-- the code is kept only as the vault's keyed hash, with its expiry and the attempts left. The status
-- page is reached by an unguessable token (256 bits), kept only as its SHA-256 hash. Nothing here is
-- personal data: the identity itself is sealed in the request row.
create table portal_request (
    tenant_id         uuid        not null,
    request_id        uuid        not null,
    status_token_hash bytea       not null,
    code_hash         text,
    code_expires_at   timestamptz,
    code_attempts     integer     not null default 0,
    codes_sent        integer     not null default 0,
    authorized_agent  boolean     not null default false,
    locale            text        not null default 'en',
    created_at        timestamptz not null default now(),
    expires_at        timestamptz not null,
    verified_at       timestamptz,
    expired_at        timestamptz,
    primary key (tenant_id, request_id),
    constraint portal_request_token unique (status_token_hash),
    constraint portal_request_request foreign key (tenant_id, request_id) references request (tenant_id, id),
    constraint portal_request_locale check (locale ~ '^[a-z]{2}$'),
    constraint portal_request_code check ((code_hash is null) = (code_expires_at is null)),
    constraint portal_request_once check (verified_at is null or expired_at is null)
);

-- The sweep finds unverified requests past their expiry.
create index portal_request_unverified on portal_request (tenant_id, expires_at) where verified_at is null and expired_at is null;

alter table portal_request enable row level security;
create policy tenant_isolation on portal_request
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

grant select, insert, update, delete on portal_request to lethe_app;

-- An unverified portal request has no workflow: nobody proved they are its subject. The reconciler
-- starts the workflows of open requests only once their identity is verified.
create or replace function lethe_unfinished_requests() returns table (tenant_id uuid, id uuid)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select r.tenant_id, r.id
  from request r
 where r.status not in ('DENIED', 'COMPLETED', 'COMPLETED_WITH_EXCEPTIONS', 'CANCELED', 'IDENTITY_UNVERIFIED')
 order by r.received_at
$$;
