-- The portal's second uses of the e-mail address once a request is verified, and the magic link.
--
-- Magic link: sent in the same mail as the code, a 256-bit secret kept only as its SHA-256. It lives and
-- dies with the code it was sent with (code_expires_at; a used-up, replaced or used code takes it along),
-- so it needs no expiry of its own.
--
-- Download: before an access or export package is handed over, the person proves again that they control
-- the request's e-mail address, by a fresh one-time code (kept as the vault's keyed hash under the tenant
-- key, like the verification code, but in a hash domain of its own). The right code is used once: it
-- streams the package and is cleared. Nothing here is personal data.
alter table portal_request
    add column link_hash                bytea,
    add column download_code_hash       text,
    add column download_code_expires_at timestamptz,
    add column download_code_attempts   integer not null default 0,
    add column download_codes_sent      integer not null default 0,
    add column downloads                integer not null default 0,
    add constraint portal_request_download_code
        check ((download_code_hash is null) = (download_code_expires_at is null)),
    add constraint portal_request_download_verified
        check (download_code_hash is null or verified_at is not null);
