-- The audit chain: append-only, one hash chain per tenant. Each entry's hash covers its own
-- content and the previous entry's hash, so editing or removing any entry breaks every later link.
create table audit_entry (
    tenant_id     uuid        not null references tenant (id),
    seq           bigint      not null,
    recorded_at   timestamptz not null,
    actor_kind    text        not null,
    actor_id      text        not null,
    action        text        not null,
    target        text        not null,
    details       jsonb       not null,
    previous_hash text        not null,
    hash          text        not null,
    primary key (tenant_id, seq),
    constraint audit_entry_actor_kind check (actor_kind in ('USER', 'API_KEY', 'SYSTEM')),
    constraint audit_entry_seq_positive check (seq > 0)
);

create index audit_entry_time on audit_entry (tenant_id, recorded_at);
create index audit_entry_action on audit_entry (tenant_id, action, seq);

-- Privileges alone are not enough (a superuser or the owner bypasses them): the table refuses
-- changes itself.
create function audit_entry_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_refuse_change();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();
