-- Evidence of data-subject requests: access/export packages, their download links, erasure receipts.
-- No foreign key to the request table: it comes with V15 in parallel; request_id names the request.

-- 1. Packages: an encrypted ZIP in the package store (object_key), its size and SHA-256 (of the
--    plaintext ZIP, so a downloader can check it), and when it expires. deleted_at is set once the
--    store's object is gone; the row stays as a record that a package existed.
create table request_package (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenant (id),
    request_id  uuid        not null,
    object_key  text        not null,
    size_bytes  bigint      not null,
    sha256      text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    deleted_at  timestamptz,
    constraint request_package_object unique (tenant_id, object_key),
    constraint request_package_sha256 check (sha256 ~ '^[0-9a-f]{64}$'),
    constraint request_package_size check (size_bytes >= 0),
    constraint request_package_expiry check (expires_at > created_at)
);

create index request_package_tenant_request on request_package (tenant_id, request_id, created_at desc);
create index request_package_expiry on request_package (expires_at) where deleted_at is null;

alter table request_package enable row level security;
create policy tenant_isolation on request_package
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- 2. Download links: only the SHA-256 of the random token is stored, so a database reader cannot
--    download. One purpose per link; it expires; downloads are counted (and each one audited).
create table package_link (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenant (id),
    package_id    uuid        not null,
    token_sha256  text        not null unique,
    purpose       text        not null,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    expires_at    timestamptz not null,
    downloads     integer     not null default 0,
    last_used_at  timestamptz,
    constraint package_link_package foreign key (package_id) references request_package (id) on delete cascade,
    constraint package_link_token check (token_sha256 ~ '^[0-9a-f]{64}$'),
    constraint package_link_purpose check (purpose ~ '^[a-z][a-z0-9-]{0,62}$'),
    constraint package_link_expiry check (expires_at > created_at)
);

create index package_link_tenant_package on package_link (tenant_id, package_id);

alter table package_link enable row level security;
create policy tenant_isolation on package_link
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- A link is redeemed without an API key, so before the tenant is known: this function answers, for a
-- token's hash, only the link's tenant (nothing else), so the caller can then act as that tenant.
create function lethe_package_link_tenant(token_hash text) returns uuid
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select tenant_id from package_link where token_sha256 = token_hash
$$;

revoke all on function lethe_package_link_tenant(text) from public;
grant execute on function lethe_package_link_tenant(text) to lethe_app;

-- 3. Erasure receipts: the canonical JSON as signed, the Ed25519 signature, the signing key's id and
--    the SHA-256 of the canonical JSON (which the audit entry request.receipt.issued also carries).
create table request_receipt (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenant (id),
    request_id  uuid        not null,
    canonical   text        not null,
    signature   bytea       not null,
    key_id      text        not null,
    sha256      text        not null,
    issued_at   timestamptz not null,
    constraint request_receipt_sha256 check (sha256 ~ '^[0-9a-f]{64}$')
);

create index request_receipt_tenant_request on request_receipt (tenant_id, request_id, issued_at desc);

alter table request_receipt enable row level security;
create policy tenant_isolation on request_receipt
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

grant select, insert, update, delete on request_package, package_link, request_receipt to lethe_app;
