-- Signed checkpoints of each tenant's audit chain: "the chain had reached seq N with head hash H",
-- signed with an Ed25519 key. An attacker who cuts entries off the end of the chain (which leaves
-- the remaining links intact) cannot also remove or forge the checkpoint that vouches for them.
create table audit_checkpoint (
    tenant_id  uuid        not null references tenant (id),
    seq        bigint      not null,
    head_hash  text        not null,
    signed_at  timestamptz not null,
    key_id     text        not null,
    signature  bytea       not null,
    primary key (tenant_id, seq)
);

create trigger audit_checkpoint_no_update_or_delete
    before update or delete on audit_checkpoint
    for each row execute function audit_entry_refuse_change();

create trigger audit_checkpoint_no_truncate
    before truncate on audit_checkpoint
    for each statement execute function audit_entry_refuse_change();

-- The public halves of the signing keys; the private halves are stored wrapped by the KMS.
create table audit_signing_key (
    key_id              text        primary key,
    public_key          bytea       not null,
    wrapped_private_key bytea       not null,
    kek_version         integer     not null,
    created_at          timestamptz not null default now()
);
