-- Field discovery (ingest): how often personal data was found in each field. A flush adds the
-- findings it counted to sample_count in the same upsert that records last_seen_at, so that
-- concurrent flushes of the same dataset add up instead of overwriting each other. Never a value.

alter table data_field
    add column sample_count bigint not null default 0,
    add constraint data_field_sample_count check (sample_count >= 0);
