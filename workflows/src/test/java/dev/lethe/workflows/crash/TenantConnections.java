package dev.lethe.workflows.crash;

import dev.lethe.catalog.tenant.TenantContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The catalog as the application's role under row-level security, as {@code CatalogTestDatabase}'s
 * {@code app()} reaches it (each connection set to the current thread's tenant; a transaction begun
 * inside another on the same thread joins it), but reusing connections: a worker process runs many
 * small activities at once, and a new connection per statement would make them slower than their
 * timeouts on a small machine.
 */
final class TenantConnections implements ConnectionProvider, TransactionProvider {

    private static final String APP_ROLE = "lethe_app";
    private static final int IDLE = 16;

    private final String url;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ThreadLocal<Connection> open = new ThreadLocal<>();
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

    private TenantConnections(String url) {
        this.url = url;
    }

    static DSLContext app(String url) {
        var connections = new TenantConnections(url);
        return DSL.using(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set((ConnectionProvider) connections)
                .set((TransactionProvider) connections));
    }

    @Override
    public Connection acquire() {
        Connection current = open.get();
        return current != null ? current : connect();
    }

    @Override
    public void release(Connection connection) {
        if (connection != open.get()) {
            giveBack(connection);
        }
    }

    @Override
    public void begin(TransactionContext context) {
        if (depth.get() == 0) {
            Connection connection = connect();
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                discard(connection);
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
            giveBack(connection);
        } catch (SQLException e) {
            discard(connection);
            throw new DataAccessException(commit ? "commit" : "rollback", e);
        }
    }

    private Connection connect() {
        TenantContext.Scope scope = TenantContext.current();
        Connection connection = idle.pollFirst();
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, APP_ROLE, "");
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("select set_config('lethe.tenant_id', ?, false)")) {
                statement.setString(1, scope == null ? "" : scope.tenantId().toString());
                statement.execute();
            }
            return connection;
        } catch (SQLException e) {
            if (connection != null) {
                discard(connection);
            }
            throw new DataAccessException("no connection as " + APP_ROLE, e);
        }
    }

    private void giveBack(Connection connection) {
        try {
            if (!connection.isClosed() && connection.getAutoCommit() && idle.size() < IDLE) {
                idle.addFirst(connection);
                return;
            }
        } catch (SQLException e) {
            // not reusable: closed below
        }
        discard(connection);
    }

    private static void discard(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // gone already
        }
    }
}
