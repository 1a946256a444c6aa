-- Lethe's database roles for a production cluster. Run once per cluster as a superuser (or a role with
-- CREATEROLE), connected to any database; safe to run again:
--
--   psql -v ON_ERROR_STOP=1 -d postgres -f deploy/postgresql/roles.sql
--
-- lethe_owner   owns the schema and runs the Flyway migrations (spring.flyway.user). Not a superuser:
--               it can change Lethe's own tables and nothing else in the cluster.
-- lethe_app     what the running application connects as (spring.datasource.username): not the tables'
--               owner, no BYPASSRLS, so row-level security applies to every query; the migrations grant
--               it exactly what it needs (V6 and later) and revoke changes to the audit chain.
-- lethe_auditor optional, read-only direct access to the audit tables (deploy/postgresql/auditor.sql).
--
-- Passwords are not set here (see setup.sh, which reads them from files); until one is set, a role can
-- only sign in where pg_hba.conf trusts it (or with a client certificate, if you use cert auth).

do
$$
declare
    name text;
begin
    foreach name in array array['lethe_owner', 'lethe_app', 'lethe_auditor']
    loop
        if not exists (select from pg_roles where rolname = name) then
            execute format('create role %I login', name);
        end if;
    end loop;
end
$$;

-- Whatever the roles were before (V6 creates lethe_app NOLOGIN where it is missing): none of them may
-- bypass row-level security, create roles or databases, replicate, or inherit another role's rights.
alter role lethe_owner login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit;
alter role lethe_app login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit;
alter role lethe_auditor login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit;

-- An auditor's sessions read only, and a runaway query of theirs ends instead of holding locks.
alter role lethe_auditor set statement_timeout = '2min';
alter role lethe_auditor set default_transaction_read_only = on;
