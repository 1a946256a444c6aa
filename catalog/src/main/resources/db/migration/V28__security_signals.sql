-- Security signals (docs/security.md, "Anomaly signals and the access report").
--
-- 1. The client addresses each API key was used from, as keyed hashes (HMAC-SHA-256 of the address, never
--    the address itself): a key used from an address it was never used from raises a signal. A small set
--    per key (the application keeps the most recently seen few dozen); isolated by tenant like every table.
create table api_key_address (
    tenant_id     uuid        not null references tenant (id),
    api_key_id    uuid        not null references api_key (id) on delete cascade,
    address_hash  bytea       not null,
    first_seen_at timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    primary key (tenant_id, api_key_id, address_hash)
);

alter table api_key_address enable row level security;
create policy tenant_isolation on api_key_address
    using (tenant_id = lethe_tenant())
    with check (tenant_id = lethe_tenant());
grant select, insert, update, delete on api_key_address to lethe_app;

-- 2. A principal's recent audit entries of one action (detokenization volume per principal, the
--    personal-data access report), without reading the tenant's whole trail.
create index audit_entry_actor_action on audit_entry (tenant_id, actor_id, action, recorded_at);
create index audit_entry_action_time on audit_entry (tenant_id, action, recorded_at);
