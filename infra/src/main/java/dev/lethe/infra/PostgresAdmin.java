package dev.lethe.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Superuser chores on a PostgreSQL reached through {@link ServiceEndpoints} (embedded or not):
 * creating the application's database and login role. Names are plain identifiers only, because
 * they end up in DDL, which takes no bind values.
 */
public final class PostgresAdmin {

    private static final String PLAIN_NAME = "[a-z_][a-z0-9_]{0,62}";

    private final ServiceEndpoints endpoints;

    public PostgresAdmin(ServiceEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        requirePlain(name);
        try (Connection connection = connect();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new LocalServiceException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure a role that can log in exists (without a password: the embedded PostgreSQL trusts
     * loopback). Its rights come from the migrations.
     */
    public void ensureLoginRole(String name) {
        requirePlain(name);
        try (Connection connection = connect();
                var statement = connection.createStatement()) {
            statement.execute("do $$ begin if exists (select from pg_roles where rolname = '" + name + "') then "
                    + "alter role \"" + name + "\" login; else create role \"" + name + "\" login; end if; end $$");
        } catch (SQLException e) {
            throw new LocalServiceException("Could not create the role " + name + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                endpoints.jdbcUrl("postgres"), endpoints.postgresUser(), endpoints.postgresPassword());
    }

    private static void requirePlain(String name) {
        if (!name.matches(PLAIN_NAME)) {
            throw new IllegalArgumentException("Not a plain database or role name: " + name);
        }
    }
}
