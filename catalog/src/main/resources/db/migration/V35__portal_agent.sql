-- An authorized agent's part of a request filed on the portal: the agent's name and what authorizes them
-- (sealed together, as JSON) and, when given, their proof document (a PDF, PNG or JPEG, sniffed by its
-- content, at most 2 MiB, sealed). Both are personal data: each is sealed as a request's subject is (a data
-- key of its own wrapped by the KMS, tenant and a row id of its own bound as associated data, so neither
-- opens as the subject or as the other). Only the media type and size of the proof are in clear, for the
-- officer's page. The officer's downloads of the proof are counted here and audited.
create table portal_agent (
    tenant_id          uuid        not null,
    request_id         uuid        not null,
    details            bytea       not null,
    details_key        bytea       not null,
    details_kek        integer     not null,
    proof              bytea,
    proof_key          bytea,
    proof_kek          integer,
    proof_type         text,
    proof_size         integer,
    proof_downloads    integer     not null default 0,
    created_at         timestamptz not null default now(),
    primary key (tenant_id, request_id),
    constraint portal_agent_request foreign key (tenant_id, request_id) references request (tenant_id, id),
    constraint portal_agent_proof check (
        (proof is null and proof_key is null and proof_kek is null and proof_type is null and proof_size is null)
        or (proof is not null and proof_key is not null and proof_kek is not null
            and proof_type in ('application/pdf', 'image/png', 'image/jpeg')
            and proof_size between 1 and 2097152))
);

alter table portal_agent enable row level security;
create policy tenant_isolation on portal_agent
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

grant select, insert, update on portal_agent to lethe_app;

-- The download code's mail also carries a link (a 256-bit secret, kept only as its SHA-256) whose page asks
-- for a press of a button; that POST grants the download as the right code does. It lives and dies with the
-- download code it was sent with.
alter table portal_request
    add column download_link_hash bytea,
    add constraint portal_request_download_link
        check (download_link_hash is null or download_code_hash is not null);

-- A tenant's portal limits as an ADMIN set them (PUT /api/v1/portal/limits/{tenant}): they hold from the next
-- request on, over lethe.portal.tenants.<slug>.limits.* and lethe.portal.limits.* (the defaults). No row: the
-- configured limits.
create table portal_limits (
    tenant_id                 uuid        primary key references tenant (id),
    submissions_per_address   integer     not null check (submissions_per_address between 1 and 1000000),
    submissions_per_identity  integer     not null check (submissions_per_identity between 1 and 1000000),
    code_sends_per_address    integer     not null check (code_sends_per_address between 1 and 1000000),
    code_sends_per_identity   integer     not null check (code_sends_per_identity between 1 and 1000000),
    code_attempts_per_address integer     not null check (code_attempts_per_address between 1 and 1000000),
    window_seconds            integer     not null check (window_seconds between 1 and 604800),
    updated_at                timestamptz not null default now(),
    updated_by                text        not null
);

alter table portal_limits enable row level security;
create policy tenant_isolation on portal_limits
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

grant select, insert, update, delete on portal_limits to lethe_app;
