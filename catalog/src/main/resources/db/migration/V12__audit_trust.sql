-- The audit chain's evidence, hardened against the application's own role and against the owner.

-- 0. The shared refusal names the table it guards (audit_checkpoint and audit_signing_key use it too).
create or replace function audit_entry_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end
$$;

-- 1. Signing keys. A public key, once stored, is what old checkpoints are checked against: nobody
--    changes or removes it, the owner included. Only the wrapping of the private half changes (a
--    re-wrap under a newer KEK version), and lethe_app can do that only through the function below,
--    which touches nothing else.
revoke update, delete, truncate on audit_signing_key from lethe_app;

create function audit_signing_key_refuse_change() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'UPDATE' and new.key_id = old.key_id and new.public_key = old.public_key
            and new.created_at = old.created_at then
        return new;
    end if;
    raise exception 'audit_signing_key keeps every public key: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_signing_key_keep_public_keys
    before update or delete on audit_signing_key
    for each row execute function audit_signing_key_refuse_change();

create trigger audit_signing_key_no_truncate
    before truncate on audit_signing_key
    for each statement execute function audit_entry_refuse_change();

create function lethe_audit_signing_key_rewrap(rewrapped_key_id text, wrapped bytea, version integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
begin
    update audit_signing_key
       set wrapped_private_key = wrapped, kek_version = version
     where key_id = rewrapped_key_id;
    return found;
end
$$;

revoke all on function lethe_audit_signing_key_rewrap(text, bytea, integer) from public;
grant execute on function lethe_audit_signing_key_rewrap(text, bytea, integer) to lethe_app;

-- 2. Which signed checkpoints have been anchored outside PostgreSQL (the Kafka topic
--    lethe.audit.anchors). Bookkeeping only: a checkpoint without a row here is (re-)published, and
--    publishing one twice is harmless. The evidence is the anchor itself, not this row.
create table audit_checkpoint_anchor (
    tenant_id   uuid        not null references tenant (id),
    seq         bigint      not null,
    anchored_at timestamptz not null default now(),
    primary key (tenant_id, seq)
);

revoke update, delete, truncate on audit_checkpoint_anchor from lethe_app;
alter table audit_checkpoint_anchor enable row level security;
create policy tenant_isolation on audit_checkpoint_anchor
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- 3. What exists, whatever row-level security lets the caller read: every tenant with the last
--    sequence number of its chain and of its checkpoints. A verifier compares what it could read with
--    this, so that a role that sees no rows can never report "intact, 0 entries". Sizes only, no
--    content.
create function lethe_audit_extent()
    returns table (tenant_id uuid, slug text, last_seq bigint, last_checkpoint_seq bigint)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select t.id,
       t.slug,
       coalesce((select max(e.seq) from audit_entry e where e.tenant_id = t.id), 0),
       coalesce((select max(c.seq) from audit_checkpoint c where c.tenant_id = t.id), 0)
  from tenant t
 order by t.slug
$$;

revoke all on function lethe_audit_extent() from public;
grant execute on function lethe_audit_extent() to lethe_app;
