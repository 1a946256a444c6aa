package dev.lethe.connectors.postgres;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.Erasing;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Rectifying;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.connectors.spi.TestResult.Check;
import dev.lethe.connectors.spi.Verifying;
import java.net.Inet6Address;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A connection to one PostgreSQL database. Every JDBC connection goes to the address the outbound
 * guard checked, with a statement timeout, as the configured role. Thread-safe: each operation
 * opens its own JDBC connection.
 */
final class PostgresConnector
        implements Connector, Discovering, Locating, Accessing, Erasing, Verifying, Rectifying, Purging {

    private final PostgresConnectorConfig config;
    private final ConnectorRuntime runtime;

    PostgresConnector(PostgresConnectorConfig config, ConnectorRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
    }

    @Override
    public TestResult test(OperationContext context) {
        List<Check> checks = new ArrayList<>();
        GuardedTarget target;
        try {
            target = runtime.guard().check(config.host(), config.port());
            checks.add(Check.passed("address allowed"));
        } catch (OutboundRefusedException e) {
            checks.add(Check.failed("address allowed", e.getMessage()));
            return new TestResult(checks);
        }
        Connection connection;
        try {
            connection = connect(target);
        } catch (SQLException e) {
            String where = "Connecting to " + config.host() + ":" + config.port();
            checks.add(Check.failed(
                    "connect and sign in", SqlErrors.classify(where, e).getMessage()));
            return new TestResult(checks);
        }
        checks.add(Check.passed("connect and sign in"));
        try (connection) {
            checks.add(schemasReadable(connection));
            checks.add(tablesReadable(connection));
        } catch (SQLException e) {
            checks.add(Check.failed(
                    "read the catalog",
                    SqlErrors.classify("Reading the catalog", e).getMessage()));
        }
        return new TestResult(checks);
    }

    @Override
    public Discovery discover(OperationContext context, int samplePerField) {
        if (samplePerField < 0) {
            throw new IllegalArgumentException("a sample has zero or more values");
        }
        try (Connection connection = connect(runtime.guard().check(config.host(), config.port()))) {
            connection.setReadOnly(true);
            return new SchemaDiscovery(connection, config.schemas(), runtime.classifier(), context)
                    .discover(samplePerField);
        } catch (SQLException e) {
            throw SqlErrors.classify("Discovery", e);
        }
    }

    @Override
    public List<DatasetCount> locate(OperationContext context, Identities subject, SubjectMap map) {
        return withSubject(
                "Locating a subject",
                context,
                subject,
                map,
                (connection, schema, clauses) ->
                        new SubjectRecords(connection, schema, context).count(clauses, map.datasets()));
    }

    @Override
    public void access(OperationContext context, Identities subject, SubjectMap map, RecordSink sink) {
        withSubject("Reading a subject's records", context, subject, map, (connection, schema, clauses) -> {
            new SubjectRecords(connection, schema, context).read(clauses, sink);
            return null;
        });
    }

    @Override
    public ErasureReport erase(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        try (Connection connection = connect(runtime.guard().check(config.host(), config.port()))) {
            connection.setAutoCommit(false);
            try {
                SchemaSnapshot schema = SchemaSnapshot.read(connection, config.schemas());
                var clauses = new SubjectQuery(map, subject, schema).byDataset();
                ErasureReport report =
                        new SubjectErasure(connection, schema, context, subject, runtime).erase(clauses, map, plan);
                connection.commit();
                return report;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.classify("Erasing a subject", e);
        }
    }

    @Override
    public Verification verify(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        return withSubject(
                "Verifying an erasure",
                context,
                subject,
                map,
                (connection, schema, clauses) ->
                        new SubjectErasure(connection, schema, context, subject, runtime).verify(clauses, map, plan));
    }

    @Override
    public long rectify(
            OperationContext context,
            Identities subject,
            SubjectMap map,
            String dataset,
            String field,
            String newValue) {
        try (Connection connection = connect(runtime.guard().check(config.host(), config.port()))) {
            SchemaSnapshot schema = SchemaSnapshot.read(connection, config.schemas());
            var where = new SubjectQuery(map, subject, schema).byDataset().get(dataset);
            if (where == null) {
                if (!map.datasets().contains(dataset)) {
                    throw ConnectorException.fatal("The subject map does not name " + dataset, null);
                }
                return 0;
            }
            String column = Identifiers.quote(field);
            String value = "cast(? as " + schema.type(dataset, field) + ")";
            try (PreparedStatement update = connection.prepareStatement("update " + schema.table(dataset) + " set "
                    + column + " = " + value + " where " + where.sql() + " and " + column + " is distinct from "
                    + value)) {
                update.setString(1, newValue);
                int next = where.bind(update, 2);
                update.setString(next, newValue);
                return update.executeLargeUpdate();
            }
        } catch (SQLException e) {
            throw SqlErrors.classify("Rectifying a value", e);
        }
    }

    @Override
    public PurgeResult purge(OperationContext context, Purge purge) {
        try (Connection connection = connect(runtime.guard().check(config.host(), config.port()))) {
            return new Retention(connection, SchemaSnapshot.read(connection, config.schemas()), context).purge(purge);
        } catch (SQLException e) {
            throw SqlErrors.classify("Purging " + purge.dataset(), e);
        }
    }

    /** One read-only connection, the schema as it is now, and the subject's clauses checked against it. */
    private <T> T withSubject(
            String what, OperationContext context, Identities subject, SubjectMap map, SubjectWork<T> work) {
        try (Connection connection = connect(runtime.guard().check(config.host(), config.port()))) {
            connection.setReadOnly(true);
            SchemaSnapshot schema = SchemaSnapshot.read(connection, config.schemas());
            var clauses = new SubjectQuery(map, subject, schema).byDataset();
            return work.apply(connection, schema, clauses);
        } catch (SQLException e) {
            throw SqlErrors.classify(what, e);
        }
    }

    @FunctionalInterface
    private interface SubjectWork<T> {
        T apply(Connection connection, SchemaSnapshot schema, Map<String, SubjectQuery.Where> clauses)
                throws SQLException;
    }

    @Override
    public void close() {
        // Nothing is held between operations.
    }

    private Check schemasReadable(Connection connection) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select s from unnest(?::text[]) s where not exists"
                + " (select 1 from pg_namespace n where n.nspname = s and has_schema_privilege(n.oid, 'USAGE'))")) {
            query.setArray(1, connection.createArrayOf("text", config.schemas().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    unreadable.add(rows.getString(1));
                }
            }
        }
        return unreadable.isEmpty()
                ? Check.passed("schemas readable")
                : Check.failed(
                        "schemas readable",
                        "missing or without USAGE for " + config.user() + ": " + String.join(", ", unreadable));
    }

    private Check tablesReadable(Connection connection) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select count(*), min(n.nspname || '.' || c.relname) from pg_class c"
                        + " join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relkind in ('r', 'p') and n.nspname = any(?::text[])"
                        + " and has_schema_privilege(n.oid, 'USAGE') and not has_table_privilege(c.oid, 'SELECT')")) {
            query.setArray(1, connection.createArrayOf("text", config.schemas().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long count = rows.getLong(1);
                return count == 0
                        ? Check.passed("tables readable")
                        : Check.failed(
                                "tables readable",
                                config.user() + " has no SELECT on " + count + " table(s), e.g. " + rows.getString(2));
            }
        }
    }

    /** A JDBC connection to the checked address; the host name is not looked up again. */
    private Connection connect(GuardedTarget target) throws SQLException {
        String address = target.address() instanceof Inet6Address
                ? "[" + target.address().getHostAddress() + "]"
                : target.address().getHostAddress();
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        properties.setProperty("sslmode", config.sslMode());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("ApplicationName", "lethe-connector");
        properties.setProperty(
                "options", "-c statement_timeout=" + config.statementTimeout().toMillis());
        return DriverManager.getConnection(
                "jdbc:postgresql://" + address + ":" + target.port() + "/" + config.database(), properties);
    }
}
