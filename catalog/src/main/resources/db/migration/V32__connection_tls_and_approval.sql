-- 1. Verified TLS became the default of new connections (MariaDB/MySQL and PostgreSQL ssl-mode
--    verify-full, Kafka security-protocol SSL). A connection stores only the settings it was given, so
--    a connection that relied on the old default would silently switch to verified TLS and may stop
--    working. Each one gets the old default written in, explicitly: nothing changes for it, and its
--    page shows that it runs without verified TLS (docs/connectors.md#tls).
update connection
   set config = config || '{"ssl-mode": "disable"}'::jsonb
 where type = 'mariadb'
   and not config ? 'ssl-mode';

update connection
   set config = config || '{"ssl-mode": "prefer"}'::jsonb
 where type = 'postgresql'
   and not config ? 'ssl-mode';

update connection
   set config = config || '{"security-protocol": "PLAINTEXT"}'::jsonb
 where type = 'kafka'
   and not config ? 'security-protocol';

-- 2. Four-eyes approval: a connection registered, or whose settings change, is not used by locate,
--    requests or retention until a PRIVACY_OFFICER or ADMIN other than the one who submitted it
--    approves it. submitted_by is who registered it or last changed its settings; approved_at is null
--    while it waits. Connections that exist already were in use: they count as approved by this
--    migration (named so in approved_by), as docs/connectors.md#approval says.
alter table connection
    add column submitted_by text,
    add column approved_at  timestamptz,
    add column approved_by  text;

update connection
   set submitted_by = created_by,
       approved_at = now(),
       approved_by = 'migration:V32';

alter table connection
    alter column submitted_by set not null,
    add constraint connection_approval_pair check ((approved_at is null) = (approved_by is null)),
    add constraint connection_four_eyes check (approved_by is null or approved_by <> submitted_by);
