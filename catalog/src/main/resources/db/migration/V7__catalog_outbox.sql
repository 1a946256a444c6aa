-- The catalog's outbox: one row per change of an indexed catalog entity, written in the same
-- transaction as the change (CatalogChanges), so the search index follows PostgreSQL without a
-- dual write. The indexer reads the entity's current row for each pending change, indexes or
-- deletes it, and then removes the outbox rows it has handled.

create table catalog_outbox (
    id         bigint      generated always as identity primary key,
    tenant_id  uuid        not null references tenant (id),
    kind       text        not null,
    entity_id  uuid        not null,
    op         text        not null,
    created_at timestamptz not null default now(),
    constraint catalog_outbox_kind check (kind in ('system', 'dataset', 'field', 'activity')),
    constraint catalog_outbox_op check (op in ('created', 'updated', 'deleted'))
);

create index catalog_outbox_tenant on catalog_outbox (tenant_id, id);

-- Grants come from V6's default privileges; isolation as for every tenant table.
alter table catalog_outbox enable row level security;
create policy tenant_isolation on catalog_outbox
    using (tenant_id = lethe_tenant())
    with check (tenant_id = lethe_tenant());
