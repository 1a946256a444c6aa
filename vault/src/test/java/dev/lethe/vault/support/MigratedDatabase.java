package dev.lethe.vault.support;

import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestServices;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new database on the shared real PostgreSQL of the integration tests, migrated by the catalog's
 * scripts. Test classes using it register {@code LocalServicesExtension}, so that they are skipped with
 * the reason where the services cannot run.
 */
public final class MigratedDatabase {

    private MigratedDatabase() {}

    /** Creates a database named after {@code prefix} plus a unique suffix and migrates it. */
    public static PGSimpleDataSource create(String prefix) {
        ServiceEndpoints services = TestServices.endpoints();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(services.jdbcUrl(TestServices.createDatabase(prefix)));
        dataSource.setUser(services.postgresUser());
        dataSource.setPassword(services.postgresPassword());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }
}
