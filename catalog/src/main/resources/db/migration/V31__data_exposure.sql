-- Less personal data lying around, and one more way of reaching it watched (docs/security.md,
-- "Connected systems" and "Anomaly signals and the access report").
--
-- 1. A request's kept callback results (V14: sealed in pending_operation until collected) are cleared
--    by its workflow once it needs them no more; it finds them by the request's operation id.
create index pending_operation_by_operation on pending_operation (tenant_id, operation_id);

-- 2. How many values each principal tokenized through the API, per minute: deterministic tokens let
--    someone test guesses ("is this person's e-mail address x?"), so a principal tokenizing more than
--    the hourly threshold raises a signal. Counts only: never a value, a token or a subject. Rows older
--    than two hours are removed as new ones are written.
create table tokenize_volume (
    tenant_id  uuid        not null references tenant (id),
    principal  text        not null,
    minute_at  timestamptz not null,
    tokenized  bigint      not null,
    primary key (tenant_id, principal, minute_at)
);

alter table tokenize_volume enable row level security;
create policy tenant_isolation on tokenize_volume
    using (tenant_id = lethe_tenant())
    with check (tenant_id = lethe_tenant());
grant select, insert, update, delete on tokenize_volume to lethe_app;
