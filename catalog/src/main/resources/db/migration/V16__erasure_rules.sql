-- Erasure plans: what an erasure does to a dataset or a data category, legal holds on one subject, and
-- retention policies that keep data under a legal obligation.

-- 1. Erasure rules: for a dataset or a data category (exactly one), optionally one field (a field path
--    of the dataset; for a category rule, null), the strategy of the connector SPI's ErasureStrategy.
--    RETAIN keeps what it covers for a legal reason (required) until a date or for a period after the
--    request (at most one of the two). Whole-record rules (no field) delete or retain; DELETE_ROW is
--    never a field rule. Category rules speak for every field of the category, in every dataset.
create table erasure_rule (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenant (id),
    dataset_id    uuid,
    data_category text,
    field_path    text,
    strategy      text        not null,
    reason        text,
    retain_period text,
    retain_until  timestamptz,
    version       integer     not null default 1,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz not null default now(),
    updated_by    text        not null,
    constraint erasure_rule_dataset foreign key (tenant_id, dataset_id) references dataset (tenant_id, id),
    constraint erasure_rule_target check ((dataset_id is null) <> (data_category is null)),
    constraint erasure_rule_field check (field_path is null or dataset_id is not null),
    constraint erasure_rule_strategy check (
        strategy in ('DELETE_ROW', 'NULL', 'MASK', 'HASH', 'TOKENIZE', 'REDACT_TEXT', 'RETAIN')),
    constraint erasure_rule_reason check ((strategy = 'RETAIN') = (reason is not null)),
    constraint erasure_rule_retain check (
        strategy = 'RETAIN' or (retain_period is null and retain_until is null)),
    constraint erasure_rule_retain_one check (retain_period is null or retain_until is null)
);

-- One rule per target: a dataset's records, a dataset's field, a category.
create unique index erasure_rule_dataset_unique on erasure_rule (tenant_id, dataset_id, coalesce(field_path, ''))
    where dataset_id is not null;
create unique index erasure_rule_category_unique on erasure_rule (tenant_id, data_category)
    where data_category is not null;
create index erasure_rule_tenant on erasure_rule (tenant_id);

alter table erasure_rule enable row level security;
create policy tenant_isolation on erasure_rule
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- 2. A legal hold on one data subject: their identities as the vault's keyed hashes (IdentityHashes,
--    64 hex characters each), never the identities themselves. A hold covers a subject whose request
--    shares any of these hashes.
alter table legal_hold
    add column subject_hashes text[],
    drop constraint legal_hold_scope,
    add constraint legal_hold_scope check (num_nonnulls(system_id, dataset_id, data_category, subject_hashes) = 1),
    add constraint legal_hold_subject_hashes check (
        subject_hashes is null
        or (cardinality(subject_hashes) between 1 and 32
            and array_to_string(subject_hashes, ',') ~ '^[0-9a-f]{64}(,[0-9a-f]{64})*$'));

create index legal_hold_subject on legal_hold using gin (subject_hashes) where subject_hashes is not null;

-- 3. The legal basis of a retention policy (GDPR Art. 6(1)): LEGAL_OBLIGATION says the data must be
--    kept for the period (tax, accounting law), so an erasure request keeps it (Art. 17(3)(b)).
alter table retention_policy
    add column legal_basis text,
    add constraint retention_policy_legal_basis check (legal_basis in (
        'CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS'));
