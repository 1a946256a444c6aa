-- Rate limits shared by every web instance: one token bucket per row, taken from by one atomic
-- upsert (dev.lethe.ui.limits.PostgresRateLimiter). A bucket is named by a keyed hash of what it
-- counts (a client address, an API key id, a user id, a portal identity), never by the value itself;
-- the key is the random secret below, made here once. Rows are pruned once their bucket is full again.
create table rate_limit_bucket (
    bucket     text             not null primary key,
    tokens     double precision not null,
    granted    boolean          not null,
    updated_at timestamptz      not null,
    full_at    timestamptz      not null,
    constraint rate_limit_bucket_name check (length(bucket) <= 100)
);

create index rate_limit_bucket_full on rate_limit_bucket (full_at);

create table rate_limit_secret (
    id     integer not null primary key default 1,
    secret bytea   not null,
    constraint rate_limit_secret_one check (id = 1)
);

insert into rate_limit_secret (secret)
values (decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'));

grant select, insert, update, delete on rate_limit_bucket to lethe_app;
grant select on rate_limit_secret to lethe_app;
