package dev.lethe.bench.requests;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.infra.PostgresAdmin;
import dev.lethe.infra.ServiceEndpoints;
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

/**
 * The catalog database as the application has it: migrated by Flyway, {@link #owner()} as the tables'
 * owner (setting the scene, reading timings behind the catalog's back) and {@link #app()} as the
 * production role {@code lethe_app} under row-level security, from a connection pool, each connection
 * set to the tenant of {@link TenantContext} when it is taken, and a transaction begun inside another on
 * the same thread joining it (as Spring's transaction manager does in the application).
 */
final class CatalogDatabase implements AutoCloseable {

    private static final String APP_ROLE = "lethe_app";

    private final HikariDataSource pool;
    private final Connection ownerConnection;
    private final DSLContext owner;
    private final DSLContext app;

    private CatalogDatabase(HikariDataSource pool, Connection ownerConnection, DSLContext app) {
        this.pool = pool;
        this.ownerConnection = ownerConnection;
        this.owner = DSL.using(ownerConnection, SQLDialect.POSTGRES);
        this.app = app;
    }

    static CatalogDatabase create(ServiceEndpoints services, String name, int poolSize) throws SQLException {
        var admin = new PostgresAdmin(services);
        admin.ensureDatabase(name);
        admin.ensureLoginRole(APP_ROLE);
        String url = services.jdbcUrl(name);
        Flyway.configure()
                .dataSource(url, services.postgresUser(), services.postgresPassword())
                .load()
                .migrate();
        Connection owner = DriverManager.getConnection(url, services.postgresUser(), services.postgresPassword());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(APP_ROLE);
        config.setPassword("");
        config.setMaximumPoolSize(poolSize);
        // Activities queue for a connection under load rather than fail after Hikari's default 30 s.
        config.setConnectionTimeout(600_000);
        config.setPoolName("bench-catalog");
        HikariDataSource pool = new HikariDataSource(config);
        var transactions = new TenantTransactions(pool);
        DSLContext app = DSL.using((ConnectionProvider) transactions, SQLDialect.POSTGRES)
                .configuration()
                .derive((TransactionProvider) transactions)
                .dsl();
        return new CatalogDatabase(pool, owner, app);
    }

    DSLContext owner() {
        return owner;
    }

    DSLContext app() {
        return app;
    }

    @Override
    public void close() throws SQLException {
        ownerConnection.close();
        pool.close();
    }

    /** Pooled connections of the application's role, each set to the current thread's tenant. */
    private static final class TenantTransactions implements ConnectionProvider, TransactionProvider {

        private final HikariDataSource pool;
        private final ThreadLocal<Connection> open = new ThreadLocal<>();
        private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

        TenantTransactions(HikariDataSource pool) {
            this.pool = pool;
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
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new DataAccessException(commit ? "commit" : "rollback", e);
            } finally {
                close(connection);
            }
        }

        private Connection connect() {
            TenantContext.Scope scope = TenantContext.current();
            try {
                Connection connection = pool.getConnection();
                try (PreparedStatement statement =
                        connection.prepareStatement("select set_config('lethe.tenant_id', ?, false)")) {
                    statement.setString(
                            1,
                            scope == null || scope.tenantId() == null
                                    ? ""
                                    : scope.tenantId().toString());
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
