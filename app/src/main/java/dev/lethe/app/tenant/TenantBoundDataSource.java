package dev.lethe.app.tenant;

import dev.lethe.catalog.tenant.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells PostgreSQL which tenant each borrowed connection acts for ({@code lethe.tenant_id}, or the
 * platform flag), from {@link TenantContext}; row-level security does the rest. Every borrow sets
 * both settings, so a pooled connection never carries the previous borrower's tenant. Spring
 * borrows once per transaction, so the tenant is fixed for the transaction.
 */
final class TenantBoundDataSource extends DelegatingDataSource {

    private static final String BIND =
            "select set_config('lethe.tenant_id', ?, false), set_config('lethe.platform', ?, false)";

    TenantBoundDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bind(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return bind(super.getConnection(username, password));
    }

    private static Connection bind(Connection connection) throws SQLException {
        TenantContext.Scope scope = TenantContext.current();
        try (PreparedStatement statement = connection.prepareStatement(BIND)) {
            statement.setString(
                    1,
                    scope == null || scope.tenantId() == null
                            ? ""
                            : scope.tenantId().toString());
            statement.setString(2, scope != null && scope.platform() ? "on" : "off");
            statement.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
