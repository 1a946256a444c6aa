-- Indexes in the order of the catalog's list pages (name order for datasets; dataset, path for
-- fields; see Datasets.list and DataFields.list), so that a page is an index range instead of a
-- sort of the tenant's whole table. Each ends in the id (a key column or included), so that the
-- page's ids come from an index-only scan, however deep the offset; the rows, and a dataset's
-- fields, are then read for those ids only. Measured by bench's CatalogLatencyBench
-- (bench/results/catalog.md).

create index dataset_tenant_name on dataset (tenant_id, name, id);

-- Replaces data_field_tenant_dataset, its prefix (the foreign key to dataset still has an index).
create index data_field_tenant_dataset_path on data_field (tenant_id, dataset_id, path) include (id);
drop index data_field_tenant_dataset;
