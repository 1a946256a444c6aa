package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.ErasedValues;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A connection to one database of the JDBC family (PostgreSQL, MySQL, MariaDB): the same subject
 * queries, erasure, verification, rectification, purges and discovery for each, spoken in the
 * database's {@link Dialect}. Every JDBC connection goes to the address the outbound guard checked.
 * Thread-safe: each operation opens its own JDBC connection.
 */
public final class JdbcConnector
        implements Connector, Discovering, Locating, Accessing, Erasing, Verifying, Rectifying, Purging {

    private final JdbcSettings settings;
    private final Dialect dialect;
    private final ConnectorRuntime runtime;

    public JdbcConnector(JdbcSettings settings, Dialect dialect, ConnectorRuntime runtime) {
        this.settings = settings;
        this.dialect = dialect;
        this.runtime = runtime;
    }

    @Override
    public TestResult test(OperationContext context) {
        List<Check> checks = new ArrayList<>();
        GuardedTarget target;
        try {
            target = guarded();
            checks.add(Check.passed("address allowed"));
        } catch (OutboundRefusedException e) {
            checks.add(Check.failed("address allowed", e.getMessage()));
            return new TestResult(checks);
        }
        Connection connection;
        try {
            connection = dialect.connect(target);
        } catch (SQLException e) {
            String where = "Connecting to " + settings.host() + ":" + settings.port();
            checks.add(Check.failed("connect and sign in", failure(where, e).getMessage()));
            return new TestResult(checks);
        }
        checks.add(Check.passed("connect and sign in"));
        try (connection) {
            checks.addAll(dialect.privilegeChecks(connection, settings.schemas(), settings.user()));
        } catch (SQLException e) {
            checks.add(Check.failed(
                    "read the catalog", failure("Reading the catalog", e).getMessage()));
        }
        return new TestResult(checks);
    }

    @Override
    public Discovery discover(OperationContext context, int samplePerField) {
        if (samplePerField < 0) {
            throw new IllegalArgumentException("a sample has zero or more values");
        }
        try (Connection connection = dialect.connect(guarded())) {
            connection.setReadOnly(true);
            return new SchemaDiscovery(connection, dialect, settings.schemas(), runtime.classifier(), context)
                    .discover(samplePerField);
        } catch (SQLException e) {
            throw failure("Discovery", e);
        }
    }

    @Override
    public List<DatasetCount> locate(OperationContext context, Identities subject, SubjectMap map) {
        return withSubject(
                "Locating a subject",
                subject,
                map,
                (connection, schema, clauses) ->
                        new SubjectRecords(connection, schema, context).count(clauses, map.datasets()));
    }

    @Override
    public void access(OperationContext context, Identities subject, SubjectMap map, RecordSink sink) {
        withSubject("Reading a subject's records", subject, map, (connection, schema, clauses) -> {
            new SubjectRecords(connection, schema, context).read(clauses, sink);
            return null;
        });
    }

    @Override
    public ErasureReport erase(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        try (Connection connection = dialect.connect(guarded())) {
            connection.setAutoCommit(false);
            try {
                SchemaSnapshot schema = SchemaSnapshot.read(connection, dialect, settings.schemas());
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
            throw failure("Erasing a subject", e);
        }
    }

    @Override
    public Verification verify(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        return withSubject(
                "Verifying an erasure",
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
        try (Connection connection = dialect.connect(guarded())) {
            SchemaSnapshot schema = SchemaSnapshot.read(connection, dialect, settings.schemas());
            var where = new SubjectQuery(map, subject, schema).byDataset().get(dataset);
            if (where == null) {
                if (!map.datasets().contains(dataset)) {
                    throw ConnectorException.fatal("The subject map does not name " + dataset, null);
                }
                return 0;
            }
            String column = schema.column(dataset, field);
            String type = schema.type(dataset, field);
            String value = dialect.typed("?", type);
            try (PreparedStatement update = connection.prepareStatement("update " + schema.table(dataset) + " set "
                    + column + " = " + value + " where " + where.sql() + " and "
                    + dialect.differs(column, value, type))) {
                update.setString(1, newValue);
                int next = where.bind(update, 2);
                update.setString(next, newValue);
                return update.executeLargeUpdate();
            }
        } catch (SQLException e) {
            throw failure("Rectifying a value", e);
        }
    }

    @Override
    public PurgeResult purge(OperationContext context, Purge purge) {
        PurgeResult result;
        try (Connection connection = dialect.connect(guarded())) {
            result = new Retention(
                            connection,
                            SchemaSnapshot.read(connection, dialect, settings.schemas()),
                            context,
                            ErasedValues.forPurge(runtime, context))
                    .purge(purge);
        } catch (SQLException e) {
            throw failure("Purging " + purge.dataset(), e);
        }
        Purging.shredTokens(runtime, context, purge);
        return result;
    }

    @Override
    public PurgePreview preview(OperationContext context, Purge purge) {
        try (Connection connection = dialect.connect(guarded())) {
            connection.setReadOnly(true);
            return new Retention(
                            connection,
                            SchemaSnapshot.read(connection, dialect, settings.schemas()),
                            context,
                            ErasedValues.forPreview(runtime, context))
                    .preview(purge);
        } catch (SQLException e) {
            throw failure("Previewing a purge of " + purge.dataset(), e);
        }
    }

    @Override
    public void activeIdentities(OperationContext context, ActivityScan scan, BiConsumer<String, String> sink) {
        try (Connection connection = dialect.connect(guarded())) {
            connection.setReadOnly(true);
            new SubjectActivity(connection, SchemaSnapshot.read(connection, dialect, settings.schemas()), context)
                    .scan(scan, sink);
        } catch (SQLException e) {
            throw failure("Reading the subjects' activity in " + scan.dataset(), e);
        }
    }

    @Override
    public void close() {
        // Nothing is held between operations.
    }

    /** One read-only connection, the schema as it is now, and the subject's clauses checked against it. */
    private <T> T withSubject(String what, Identities subject, SubjectMap map, SubjectWork<T> work) {
        try (Connection connection = dialect.connect(guarded())) {
            connection.setReadOnly(true);
            SchemaSnapshot schema = SchemaSnapshot.read(connection, dialect, settings.schemas());
            var clauses = new SubjectQuery(map, subject, schema).byDataset();
            return work.apply(connection, schema, clauses);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @FunctionalInterface
    private interface SubjectWork<T> {
        T apply(Connection connection, SchemaSnapshot schema, Map<String, SubjectQuery.Where> clauses)
                throws SQLException;
    }

    private GuardedTarget guarded() {
        return runtime.guard().check(settings.host(), settings.port());
    }

    private ConnectorException failure(String what, SQLException e) {
        return SqlErrors.classify(dialect, what, e);
    }
}
