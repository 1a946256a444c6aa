-- Streams registered for ingest: a source topic protected into a target topic, for a dataset of the
-- catalog. Stream names are unique across tenants because they name Kafka consumer groups
-- (lethe-ingest-<name>), which are global to the cluster like the topics themselves.

create table ingest_stream (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenant (id),
    name         text        not null,
    source_topic text        not null,
    target_topic text        not null,
    dataset_id   uuid        not null,
    subject_path text        not null,
    policy       jsonb       not null,
    concurrency  integer     not null default 1,
    state        text        not null default 'RUNNING',
    version      integer     not null default 1,
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    updated_at   timestamptz not null default now(),
    updated_by   text        not null,
    constraint ingest_stream_name_unique unique (name),
    constraint ingest_stream_dataset foreign key (tenant_id, dataset_id) references dataset (tenant_id, id),
    constraint ingest_stream_topics check (source_topic <> target_topic),
    constraint ingest_stream_concurrency check (concurrency between 1 and 64),
    constraint ingest_stream_state check (state in ('RUNNING', 'PAUSED'))
);

create index ingest_stream_tenant on ingest_stream (tenant_id, name);

alter table ingest_stream enable row level security;
create policy tenant_isolation on ingest_stream
    using (tenant_id = lethe_tenant())
    with check (tenant_id = lethe_tenant());
-- Every ingest process runs the streams of all tenants: it reads the registry as the platform.
create policy platform_read on ingest_stream for select using (lethe_platform());
