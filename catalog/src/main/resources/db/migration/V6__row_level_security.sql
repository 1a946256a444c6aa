-- Tenant isolation enforced by PostgreSQL itself, behind the tenant filter every query carries.
--
-- The application connects as lethe_app: no superuser, no BYPASSRLS, not the tables' owner (the
-- migrations run as the owner). Before each transaction it sets lethe.tenant_id to the tenant it
-- acts for; with none set, tenant tables show and accept nothing. A few platform operations that
-- span tenants (KEK rotation) set lethe.platform = 'on' instead, for the vault's key tables only.

do
$$
begin
    if not exists (select from pg_roles where rolname = 'lethe_app') then
        create role lethe_app nologin;
    end if;
end
$$;

grant usage on schema public to lethe_app;
grant select, insert, update, delete on all tables in schema public to lethe_app;
grant usage, select on all sequences in schema public to lethe_app;
alter default privileges in schema public grant select, insert, update, delete on tables to lethe_app;
alter default privileges in schema public grant usage, select on sequences to lethe_app;

-- Append-only tables: no changes, whatever the tenant.
revoke update, delete, truncate on audit_entry, audit_checkpoint, vault_shred from lethe_app;
revoke insert, update, delete, truncate on flyway_schema_history from lethe_app;

create function lethe_tenant() returns uuid
    language sql stable as
$$
select nullif(current_setting('lethe.tenant_id', true), '')::uuid
$$;

create function lethe_platform() returns boolean
    language sql stable as
$$
select coalesce(current_setting('lethe.platform', true), '') = 'on'
$$;

do
$$
declare
    tenant_table text;
begin
    foreach tenant_table in array array[
        'api_key', 'audit_entry', 'audit_checkpoint', 'tenant_taxonomy_term', 'data_system', 'dataset',
        'data_field', 'processing_activity', 'processing_activity_system', 'data_flow', 'retention_policy',
        'legal_hold']
    loop
        execute format('alter table %I enable row level security', tenant_table);
        execute format('create policy tenant_isolation on %I using (tenant_id = lethe_tenant()) '
                       'with check (tenant_id = lethe_tenant())', tenant_table);
    end loop;
end
$$;

-- The vault names tenants by text (the tenant id as a string); KEK rotation re-wraps every
-- tenant's keys as a platform operation.
alter table vault_key enable row level security;
create policy tenant_isolation on vault_key
    using (tenant = lethe_tenant()::text or lethe_platform())
    with check (tenant = lethe_tenant()::text or lethe_platform());
alter table vault_shred enable row level security;
create policy tenant_isolation on vault_shred
    using (tenant = lethe_tenant()::text or lethe_platform())
    with check (tenant = lethe_tenant()::text or lethe_platform());

-- Authentication happens before the tenant is known: this function, running with the owner's
-- rights, finds a key by the hash of its secret, and nothing else.
create function lethe_api_key_by_hash(presented_hash bytea) returns setof api_key
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select * from api_key where key_hash = presented_hash
$$;

revoke all on function lethe_api_key_by_hash(bytea) from public;
grant execute on function lethe_api_key_by_hash(bytea) to lethe_app;
