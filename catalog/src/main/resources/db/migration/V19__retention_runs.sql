-- Retention purges (#14): when each tenant's runs start, what each run did, and what ANONYMIZE writes.
-- PostgreSQL is the truth of a run; the Temporal workflow that drives it reads and records here, so a run
-- interrupted (worker killed, server restarted) is started again and continues from its tasks' states.
-- No personal data in any of these tables: ids, names of datasets and fields, counts, cutoffs, reasons.

-- The tenant's daily run: a time of day in a time zone. No row: the defaults (03:00 UTC, enabled).
-- A policy's own cron `schedule` (V4) is not used by runs: every active policy is enforced at the
-- tenant's run.
create table retention_schedule (
    tenant_id   uuid        primary key references tenant (id),
    run_at      time        not null default '03:00',
    zone        text        not null default 'UTC',
    enabled     boolean     not null default true,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null
);

alter table retention_schedule enable row level security;
create policy tenant_isolation on retention_schedule
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- One run of the tenant's policies. policy_ids: the policies a run by hand was asked for (null: all).
-- Summary counts are written when it finishes.
create table retention_run (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenant (id),
    trigger       text        not null,
    requested_by  text        not null,
    policy_ids    uuid[],
    planned_for   timestamptz not null,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    status        text        not null default 'RUNNING',
    tasks         integer     not null default 0,
    failed        integer     not null default 0,
    records       bigint      not null default 0,
    held          bigint      not null default 0,
    constraint retention_run_tenant_id unique (tenant_id, id),
    constraint retention_run_trigger check (trigger in ('SCHEDULED', 'MANUAL')),
    constraint retention_run_status check (status in ('RUNNING', 'COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED')),
    constraint retention_run_finished check ((status = 'RUNNING') = (finished_at is null))
);

-- At most one run at a time per tenant: a second "run now" while one runs is refused by PostgreSQL.
create unique index retention_run_one_running on retention_run (tenant_id) where status = 'RUNNING';
create index retention_run_tenant_started on retention_run (tenant_id, started_at desc, id desc);

alter table retention_run enable row level security;
create policy tenant_isolation on retention_run
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- One policy on one dataset through one connection within a run. Policies, systems, datasets and
-- connections are referenced by id without foreign keys: a run's record outlives them. anonymize: the
-- fields ANONYMIZE erases and how ([{field, category, strategy}]), fixed when the run was planned. expired:
-- how many records had expired before the first attempt (counted once), so that a task resumed after an
-- interrupted attempt still reports what the run purged in all.
create table retention_run_task (
    id             uuid        primary key,
    run_id         uuid        not null,
    tenant_id      uuid        not null,
    seq            integer     not null,
    policy_id      uuid        not null,
    policy_name    text        not null,
    system_id      uuid,
    connection_id  uuid,
    dataset_id     uuid,
    dataset        text        not null,
    clock_field    text,
    cutoff         timestamptz not null,
    action         text        not null,
    anonymize      jsonb       not null default '[]',
    state          text        not null default 'PENDING',
    expired        bigint,
    records        bigint      not null default 0,
    held           bigint      not null default 0,
    batches        integer     not null default 0,
    attempts       integer     not null default 0,
    reason         text,
    started_at     timestamptz,
    finished_at    timestamptz,
    constraint retention_run_task_run foreign key (tenant_id, run_id) references retention_run (tenant_id, id),
    constraint retention_run_task_seq unique (run_id, seq),
    constraint retention_run_task_action check (action in ('DELETE', 'ANONYMIZE')),
    constraint retention_run_task_state check (state in ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'SKIPPED', 'HELD'))
);

create index retention_run_task_run on retention_run_task (tenant_id, run_id, seq);
-- The record of processing asks when each policy was last enforced on each dataset.
create index retention_run_task_enforced on retention_run_task (tenant_id, policy_id, dataset, finished_at)
    where state = 'DONE';

alter table retention_run_task enable row level security;
create policy tenant_isolation on retention_run_task
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

grant select, insert, update, delete on retention_schedule, retention_run, retention_run_task to lethe_app;

-- What ANONYMIZE writes into the policy's fields: NULL, a MASK, a keyed HASH (the vault's, by category), or a
-- token under a key shredded when the purge has finished (TOKENIZE: tokenize-then-shred).
alter table retention_policy
    add column anonymize_with text not null default 'NULL',
    add constraint retention_policy_anonymize_with check (anonymize_with in ('NULL', 'MASK', 'HASH', 'TOKENIZE'));

-- At start-up every RUNNING run's workflow is started again, in every tenant (the embedded Temporal server
-- forgets its workflows when it stops). A narrow function instead of a platform policy: ids only.
create function lethe_unfinished_retention_runs() returns table (tenant_id uuid, id uuid)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select r.tenant_id, r.id
  from retention_run r
 where r.status = 'RUNNING'
 order by r.started_at
$$;

revoke all on function lethe_unfinished_retention_runs() from public;
grant execute on function lethe_unfinished_retention_runs() to lethe_app;

-- Lethe's own data follows retention too: a request closed longer than the configured period loses its
-- subject's identities — the sealed identities (and the key that opens them) and their keyed hashes. Its
-- type, status, outcome, timeline and receipt stay; its identity types (not identifiers) stay too.
alter table request
    add column identities_erased_at timestamptz,
    drop constraint request_identities,
    add constraint request_identities check (
        (identities_erased_at is null
            and cardinality(identity_types) between 1 and 32
            and cardinality(identity_hashes) = cardinality(identity_types))
        or (identities_erased_at is not null and cardinality(identity_hashes) = 0
            and length(subject) = 0 and length(subject_dek) = 0));

create index request_closed_identities on request (tenant_id, closed_at) where identities_erased_at is null;

-- KEK rotation leaves requests without identities alone: they have no key left to re-wrap.
create or replace function lethe_request_subject_kek_versions() returns setof integer
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select distinct kek_version from request where identities_erased_at is null
$$;

create or replace function lethe_request_subject_wrapped_keys(primary_version integer, after_id uuid, max_rows integer)
    returns table (id uuid, tenant_id uuid, kek_version integer, subject_dek bytea)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select r.id, r.tenant_id, r.kek_version, r.subject_dek
  from request r
 where r.kek_version <> primary_version
   and r.identities_erased_at is null
   and (after_id is null or r.id > after_id)
 order by r.id
 limit max_rows
$$;
