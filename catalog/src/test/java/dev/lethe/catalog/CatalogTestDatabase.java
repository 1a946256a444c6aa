package dev.lethe.catalog;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * A fresh catalog database on the shared test PostgreSQL, migrated by Flyway: {@link #owner()} as the
 * tables' owner (no row-level security, for setting the scene and checking behind the catalog's back),
 * {@link #app()} as the application's role under row-level security, each connection carrying the
 * tenant of {@link TenantContext}, and {@link #changes()} on it with a real audit trail.
 */
public record CatalogTestDatabase(DSLContext owner, DSLContext app, CatalogChanges changes) {

    private static final String APP_ROLE = "lethe_app";

    /** The trail signs a checkpoint every million entries: never in these tests. */
    private static final CheckpointSigner NO_CHECKPOINTS = new CheckpointSigner() {
        @Override
        public String keyId() {
            return "none";
        }

        @Override
        public byte[] sign(byte[] message) {
            throw new UnsupportedOperationException("no checkpoints in this test");
        }
    };

    public static CatalogTestDatabase create(String prefix) throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        String database = TestServices.createDatabase(prefix);
        TestServices.ensureLoginRole(APP_ROLE);
        String url = services.jdbcUrl(database);
        Flyway.configure()
                .dataSource(url, services.postgresUser(), services.postgresPassword())
                .load()
                .migrate();
        DSLContext owner = DSL.using(
                DriverManager.getConnection(url, services.postgresUser(), services.postgresPassword()),
                SQLDialect.POSTGRES);
        var transactions = new TenantTransactions(url);
        DSLContext app = DSL.using(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set((ConnectionProvider) transactions)
                .set((TransactionProvider) transactions));
        return new CatalogTestDatabase(
                owner, app, new CatalogChanges(app, new AuditTrail(app, NO_CHECKPOINTS, 1_000_000)));
    }

    /**
     * Connections as the application's role, each set to the current thread's tenant; a transaction
     * begun inside another on the same thread joins it, as with Spring's transaction manager in the
     * application (so a catalog write and its audit entry commit together).
     */
    private static final class TenantTransactions implements ConnectionProvider, TransactionProvider {

        private final String url;
        private final ThreadLocal<Connection> open = new ThreadLocal<>();
        private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

        TenantTransactions(String url) {
            this.url = url;
        }

        @Override
        public Connection acquire() {
            Connection current = open.get();
            return current != null ? current : connect();
        }

        @Override
        public void release(Connection connection) {
            if (connection != open.get()) {
                close(connection);
            }
        }

        @Override
        public void begin(TransactionContext context) {
            if (depth.get() == 0) {
                Connection connection = connect();
                try {
                    connection.setAutoCommit(false);
                } catch (SQLException e) {
                    close(connection);
                    throw new DataAccessException("begin", e);
                }
                open.set(connection);
            }
            depth.set(depth.get() + 1);
        }

        @Override
        public void commit(TransactionContext context) {
            end(true);
        }

        @Override
        public void rollback(TransactionContext context) {
            end(false);
        }

        private void end(boolean commit) {
            depth.set(depth.get() - 1);
            if (depth.get() > 0) {
                return; // the outer transaction decides
            }
            Connection connection = open.get();
            open.remove();
            try {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new DataAccessException(commit ? "commit" : "rollback", e);
            } finally {
                close(connection);
            }
        }

        private Connection connect() {
            TenantContext.Scope scope = TenantContext.current();
            try {
                Connection connection = DriverManager.getConnection(url, APP_ROLE, "");
                try (PreparedStatement statement =
                        connection.prepareStatement("select set_config('lethe.tenant_id', ?, false)")) {
                    statement.setString(1, scope == null ? "" : scope.tenantId().toString());
                    statement.execute();
                }
                return connection;
            } catch (SQLException e) {
                throw new DataAccessException("no connection as " + APP_ROLE, e);
            }
        }

        private static void close(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new DataAccessException("closing a connection", e);
            }
        }
    }
}
