-- Lethe's database, locked down. Run as a superuser, connected to the database Lethe will use, after
-- creating it owned by lethe_owner (roles.sql first):
--
--   psql -v ON_ERROR_STOP=1 -d postgres -c 'create database lethe owner lethe_owner'
--   psql -v ON_ERROR_STOP=1 -d lethe -f deploy/postgresql/database.sql
--
-- Then start Lethe with spring.flyway.user=lethe_owner and spring.datasource.username=lethe_app: the
-- migrations (run at start-up, as the owner) create the tables, the row-level security policies and
-- lethe_app's grants. Safe to run again.

do
$$
begin
    -- Only Lethe's roles connect; nobody else may create temporary tables in it either.
    execute format('revoke all on database %I from public', current_database());
    execute format('grant connect on database %I to lethe_owner, lethe_app, lethe_auditor', current_database());
    execute format('grant temporary on database %I to lethe_owner', current_database());
end
$$;

-- The schema belongs to the owner; the application and the auditor use it, and nobody else creates in it.
alter schema public owner to lethe_owner;
revoke all on schema public from public;
grant usage on schema public to lethe_app, lethe_auditor;
