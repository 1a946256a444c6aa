-- People who sign in to Lethe: local accounts (a password and a TOTP second factor) and accounts of an
-- external identity provider (OIDC), both ending up as one row per person and tenant. Secrets never sit
-- here in the clear: passwords as Argon2id hashes (PHC strings), the TOTP secret wrapped by the KMS's
-- key-encryption key (bound to the tenant and user), recovery codes and set-up tokens as SHA-256 (they
-- are long random strings, which is what makes a fast hash enough). totp_last_step is the time step of
-- the last code accepted, so that a code seen over someone's shoulder cannot be used a second time.
create table app_user (
    id                uuid        primary key,
    tenant_id         uuid        not null references tenant (id),
    email             text        not null,
    display_name      text        not null,
    roles             text[]      not null,
    status            text        not null,
    password_hash     text,
    totp_secret       bytea,
    totp_kek_version  integer,
    totp_confirmed_at timestamptz,
    totp_last_step    bigint,
    failed_attempts   integer     not null default 0,
    locked_until      timestamptz,
    last_sign_in_at   timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    external_issuer   text,
    external_subject  text,
    constraint app_user_status check (status in ('ACTIVE', 'INVITED', 'DISABLED')),
    constraint app_user_roles_known check (roles <@ array['ADMIN', 'PRIVACY_OFFICER', 'ENGINEER', 'AUDITOR']::text[]),
    constraint app_user_email_shape check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 320),
    constraint app_user_display_name check (length(display_name) between 1 and 200),
    constraint app_user_external_pair check ((external_issuer is null) = (external_subject is null)),
    constraint app_user_totp_pair check ((totp_secret is null) = (totp_kek_version is null)),
    constraint app_user_totp_confirmed check (totp_confirmed_at is null or totp_secret is not null),
    constraint app_user_failed_attempts check (failed_attempts >= 0),
    constraint app_user_external unique (external_issuer, external_subject)
);

-- One account per e-mail address and tenant, whatever its case.
create unique index app_user_email on app_user (tenant_id, lower(email));

alter table app_user enable row level security;
create policy tenant_isolation on app_user
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- Recovery codes for a lost second factor: each usable once.
create table app_user_recovery_code (
    tenant_id   uuid        not null,
    user_id     uuid        not null references app_user (id) on delete cascade,
    code_sha256 bytea       not null,
    created_at  timestamptz not null default now(),
    used_at     timestamptz,
    primary key (user_id, code_sha256)
);

create index app_user_recovery_code_tenant on app_user_recovery_code (tenant_id, user_id);

alter table app_user_recovery_code enable row level security;
create policy tenant_isolation on app_user_recovery_code
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

-- One-time links that let a person choose their password: the first ADMIN's set-up link and
-- invitations. Only the token's hash is kept; a link expires and is used once.
create table app_user_setup_token (
    token_sha256 bytea       primary key,
    tenant_id    uuid        not null,
    user_id      uuid        not null references app_user (id) on delete cascade,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz,
    constraint app_user_setup_token_expiry check (expires_at > created_at)
);

create index app_user_setup_token_user on app_user_setup_token (tenant_id, user_id);

alter table app_user_setup_token enable row level security;
create policy tenant_isolation on app_user_setup_token
    using (tenant_id = lethe_tenant()) with check (tenant_id = lethe_tenant());

grant select, insert, update, delete on app_user, app_user_recovery_code, app_user_setup_token to lethe_app;

-- A set-up link is opened before anyone is signed in, so before the tenant is known: this function
-- answers, for a token's hash, only its tenant, so the caller can then act as that tenant.
create function lethe_setup_token_tenant(token_hash bytea) returns uuid
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select tenant_id from app_user_setup_token where token_sha256 = token_hash
$$;

revoke all on function lethe_setup_token_tenant(bytea) from public;
grant execute on function lethe_setup_token_tenant(bytea) to lethe_app;

-- Single sign-on finds a person by their provider's issuer and subject before the tenant is known:
-- this function answers only the tenant of that one account.
create function lethe_external_user_tenant(issuer text, subject text) returns uuid
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select tenant_id from app_user where external_issuer = issuer and external_subject = subject
$$;

revoke all on function lethe_external_user_tenant(text, text) from public;
grant execute on function lethe_external_user_tenant(text, text) to lethe_app;

-- Server-side sessions of the web UI (Spring Session JDBC, its PostgreSQL schema), shared by every
-- web instance. Not tenant tables: a session is looked up by its id before anyone's tenant is known;
-- its principal name is the user's id, never an e-mail address.
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

grant select, insert, update, delete on spring_session, spring_session_attributes to lethe_app;
