package dev.lethe.bench.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fills one tenant's data map fast, as the database owner with set-based inserts: {@code systems}
 * systems of {@code datasetsPerSystem} datasets of ten fields each, with realistic names,
 * descriptions and data categories (a tenth of the datasets are invoices, a fifth of the fields
 * carry a category). No outbox rows and no audit entries: a rebuild indexes it afterwards.
 */
final class CatalogSeed {

    private static final String DATASETS = """
            (values (0, 'customers', 'Customer master data: who buys from us'),
                    (1, 'invoices', 'Invoices sent to customers for billing'),
                    (2, 'orders', 'Orders placed in the web shop'),
                    (3, 'support_tickets', 'Customer support conversations'),
                    (4, 'employees', 'Personnel records for HR administration'),
                    (5, 'applicants', 'Job applications and CVs'),
                    (6, 'page_views', 'Web analytics events'),
                    (7, 'payments', 'Card and SEPA payments'),
                    (8, 'newsletter', 'Marketing newsletter subscriptions'),
                    (9, 'audit_log', 'Security audit events'))
            """;

    /** 40 columns; consecutive ones are distinct, so any ten in a row make a dataset. */
    private static final String FIELDS = """
            (values (0, 'id', 'uuid', '{}'), (1, 'email', 'text', '{contact.email}'),
                    (2, 'phone_number', 'text', '{contact.phone}'), (3, 'first_name', 'text', '{identity.name}'),
                    (4, 'last_name', 'text', '{identity.name}'), (5, 'street', 'text', '{contact.address}'),
                    (6, 'postal_code', 'text', '{}'), (7, 'city', 'text', '{}'), (8, 'country', 'text', '{}'),
                    (9, 'created_at', 'timestamptz', '{}'), (10, 'updated_at', 'timestamptz', '{}'),
                    (11, 'status', 'text', '{}'), (12, 'amount', 'numeric', '{}'), (13, 'currency', 'text', '{}'),
                    (14, 'iban', 'text', '{financial.bank_account}'), (15, 'card_last4', 'text', '{}'),
                    (16, 'ip_address', 'inet', '{online.ip_address}'), (17, 'user_agent', 'text', '{}'),
                    (18, 'birth_date', 'date', '{identity.date_of_birth}'), (19, 'gender', 'text', '{identity.gender}'),
                    (20, 'notes', 'text', '{}'), (21, 'subject', 'text', '{}'), (22, 'body', 'text', '{}'),
                    (23, 'mobile', 'text', '{contact.phone}'), (24, 'device_id', 'text', '{online.device_id}'),
                    (25, 'latitude', 'float8', '{location.coordinates}'), (26, 'longitude', 'float8', '{}'),
                    (27, 'tax_id', 'text', '{government_id.tax}'), (28, 'order_id', 'uuid', '{}'),
                    (29, 'customer_id', 'uuid', '{}'), (30, 'quantity', 'int4', '{}'), (31, 'sku', 'text', '{}'),
                    (32, 'url', 'text', '{online.url}'), (33, 'referrer', 'text', '{}'), (34, 'locale', 'text', '{}'),
                    (35, 'password_hash', 'text', '{secret.password}'), (36, 'salary', 'numeric', '{}'),
                    (37, 'department', 'text', '{}'), (38, 'manager_id', 'uuid', '{}'), (39, 'deleted_at', 'timestamptz', '{}'))
            """;

    private CatalogSeed() {}

    /** Seeds the tenant and returns its system ids. */
    static List<UUID> seed(Connection db, UUID tenantId, int systems, int datasetsPerSystem) throws SQLException {
        db.setAutoCommit(false);
        update(
                db,
                "insert into data_system (id, tenant_id, name, description, owner_team, created_by, updated_by) "
                        + "select gen_random_uuid(), ?, 'system_' || lpad(s::text, 3, '0'), "
                        + "'Service number ' || s, 'team-' || (s % 10), 'bench', 'bench' "
                        + "from generate_series(1, ?) s",
                tenantId,
                systems);
        update(
                db,
                "insert into dataset (id, tenant_id, system_id, name, kind, location, description, created_by, updated_by) "
                        + "select gen_random_uuid(), s.tenant_id, s.id, t.noun || '_' || lpad(n::text, 3, '0'), 'TABLE', "
                        + "'public.' || t.noun || '_' || n, t.description, 'bench', 'bench' "
                        + "from data_system s cross join generate_series(1, ?) n "
                        + "join " + DATASETS + " t(k, noun, description) on t.k = n % 10 "
                        + "where s.tenant_id = ?",
                datasetsPerSystem,
                tenantId);
        update(
                db,
                "insert into data_field (id, tenant_id, dataset_id, path, data_type, categories, status, confidence, "
                        + "created_by, updated_by) "
                        + "select gen_random_uuid(), d.tenant_id, d.id, f.path, f.type, f.categories::text[], "
                        + "case when n % 3 = 0 then 'DISCOVERED' else 'CONFIRMED' end, "
                        + "case when n % 3 = 0 then 0.9 end, 'bench', 'bench' "
                        + "from (select id, tenant_id, row_number() over (order by id) as ord from dataset "
                        + "where tenant_id = ?) d "
                        + "cross join generate_series(0, 9) n "
                        + "join " + FIELDS + " f(k, path, type, categories) on f.k = (d.ord * 7 + n) % 40",
                tenantId);
        db.commit();
        db.setAutoCommit(true);
        try (Statement statement = db.createStatement()) {
            // What autovacuum does soon after a bulk insert: statistics for the planner and the
            // visibility map for index-only scans.
            statement.execute("vacuum analyze data_system, dataset, data_field");
        }
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement select =
                db.prepareStatement("select id from data_system where tenant_id = ? order by name")) {
            select.setObject(1, tenantId);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Up to {@code limit} dataset ids of the tenant, spread over its systems. */
    static List<UUID> datasetIds(Connection db, UUID tenantId, int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement select =
                db.prepareStatement("select id from dataset where tenant_id = ? order by md5(id::text) limit ?")) {
            select.setObject(1, tenantId);
            select.setInt(2, limit);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static void update(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
