package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production database roles of {@code deploy/postgresql} on a real PostgreSQL: the scripts run on a
 * fresh database as a superuser would run them, the migrations run as {@code lethe_owner} (not a
 * superuser), and then {@code lethe_app} can do the application's work inside its tenant and nothing it
 * must not: no DDL, no switching triggers or row-level security off, no other tenant's rows, no change
 * to the audit chain. {@code lethe_auditor} reads the chain and nothing else.
 */
@ExtendWith(LocalServicesExtension.class)
class LeastPrivilegeRolesIT {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static String database;
    private static final UUID TENANT_A = UUID.randomUUID();
    private static final UUID TENANT_B = UUID.randomUUID();

    @BeforeAll
    static void setUpAsAnOperatorWould() throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        database = UniqueNames.database("least_privilege");
        try (Connection postgres = superuser("postgres");
                Statement statement = postgres.createStatement()) {
            statement.execute(DeployScripts.read("postgresql/roles.sql"));
            statement.execute("create database " + database + " owner lethe_owner");
        }
        try (Connection lethe = superuser(database);
                Statement statement = lethe.createStatement()) {
            statement.execute(DeployScripts.read("postgresql/database.sql"));
        }
        Flyway.configure()
                .dataSource(services.jdbcUrl(database), "lethe_owner", "")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection owner = connect("lethe_owner");
                Statement statement = owner.createStatement()) {
            statement.execute(DeployScripts.read("postgresql/auditor.sql"));
            for (UUID tenant : List.of(TENANT_A, TENANT_B)) {
                statement.execute("insert into tenant (id, slug, name) values ('" + tenant + "', 't-"
                        + tenant.toString().substring(0, 8) + "', 'Tenant')");
            }
            statement.execute(auditEntry(TENANT_B, 1));
        }
    }

    @Test
    void noRoleIsASuperuserOrBypassesRowLevelSecurity() throws SQLException {
        try (Connection postgres = superuser("postgres");
                Statement statement = postgres.createStatement();
                var roles = statement.executeQuery("select rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb"
                        + " from pg_roles where rolname in ('lethe_owner', 'lethe_app', 'lethe_auditor')")) {
            int count = 0;
            while (roles.next()) {
                count++;
                for (int column = 2; column <= 5; column++) {
                    assertThat(roles.getBoolean(column))
                            .as(roles.getString(1) + " " + roles.getMetaData().getColumnName(column))
                            .isFalse();
                }
            }
            assertThat(count).isEqualTo(3);
        }
        assertThat(queryCount("lethe_owner", null, "select count(*) from flyway_schema_history where not success"))
                .as("every migration ran as lethe_owner")
                .isZero();
    }

    @Test
    void appDoesItsWorkInsideItsTenant() throws SQLException {
        try (Connection app = connect("lethe_app");
                Statement statement = app.createStatement()) {
            statement.execute("set lethe.tenant_id = '" + TENANT_A + "'");
            statement.execute(auditEntry(TENANT_A, 1));
            statement.execute("insert into data_system (id, tenant_id, name, created_by, updated_by) values ('"
                    + UUID.randomUUID() + "', '" + TENANT_A + "', 'shop', 'it', 'it')");
            statement.execute("update data_system set name = 'shop-eu' where name = 'shop'");
            statement.execute("delete from data_system where name = 'shop-eu'");
            try (var found = statement.executeQuery("select count(*) from lethe_api_key_by_hash('\\x00'::bytea)")) {
                found.next();
                assertThat(found.getLong(1)).isZero();
            }
        }
        assertThat(queryCount("lethe_app", TENANT_A, "select count(*) from audit_entry"))
                .isEqualTo(1);
    }

    @Test
    void appSeesNoOtherTenantsRowsAndNoneWithoutTheSetting() throws SQLException {
        assertThat(queryCount(
                        "lethe_app", TENANT_A, "select count(*) from audit_entry where tenant_id = '" + TENANT_B + "'"))
                .isZero();
        assertThat(queryCount("lethe_app", null, "select count(*) from audit_entry"))
                .isZero();
        assertThat(queryCount(
                        "lethe_owner", null, "select count(*) from audit_entry where tenant_id = '" + TENANT_B + "'"))
                .as("the row is there")
                .isEqualTo(1);
        assertRefused("lethe_app", TENANT_A, auditEntry(TENANT_B, 2), "42501");
    }

    @Test
    void appCannotChangeTheSchemaOrSwitchItsGuardsOff() {
        for (String statement : List.of(
                "create table intruder (id int)",
                "drop table audit_entry",
                "alter table audit_entry disable trigger all",
                "alter table audit_entry disable trigger audit_entry_no_update_or_delete",
                "alter table audit_entry disable row level security",
                "alter table api_key no force row level security",
                "drop policy tenant_isolation on api_key",
                "create or replace function lethe_tenant() returns uuid language sql as 'select null::uuid'",
                "set session_replication_role = replica",
                "set role lethe_owner")) {
            assertRefused("lethe_app", TENANT_A, statement, INSUFFICIENT_PRIVILEGE);
        }
    }

    @Test
    void appCannotChangeTheAuditChain() {
        for (String statement : List.of(
                "update audit_entry set action = 'forged'",
                "delete from audit_entry",
                "truncate audit_entry",
                "update audit_checkpoint set signature = '\\x00'::bytea",
                "delete from audit_checkpoint",
                "delete from flyway_schema_history")) {
            assertRefused("lethe_app", TENANT_B, statement, INSUFFICIENT_PRIVILEGE);
        }
    }

    @Test
    void auditorReadsTheChainAndNothingElse() throws SQLException {
        assertThat(queryCount("lethe_auditor", TENANT_B, "select count(*) from audit_entry"))
                .isEqualTo(1);
        assertThat(queryCount("lethe_auditor", null, "select count(*) from audit_entry"))
                .as("under row-level security too")
                .isZero();
        assertRefused("lethe_auditor", TENANT_B, "select count(*) from api_key", INSUFFICIENT_PRIVILEGE);
        assertRefused(
                "lethe_auditor", TENANT_B, "select wrapped_private_key from audit_signing_key", INSUFFICIENT_PRIVILEGE);
        // Read-only sessions (25006) before any grant is even asked.
        assertRefused("lethe_auditor", TENANT_B, auditEntry(TENANT_B, 2), "25006");
        assertRefused("lethe_auditor", TENANT_B, "delete from audit_entry", "25006");
    }

    @Test
    void noOwnerRightsFunctionIsOpenToEveryone() throws SQLException {
        List<String> open = new ArrayList<>();
        try (Connection owner = connect("lethe_owner");
                Statement statement = owner.createStatement();
                var functions = statement.executeQuery("select p.proname from pg_proc p"
                        + " where p.prosecdef and p.pronamespace = 'public'::regnamespace"
                        + " and exists (select from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a"
                        + " where a.grantee = 0 and a.privilege_type = 'EXECUTE')")) {
            while (functions.next()) {
                open.add(functions.getString(1));
            }
        }
        assertThat(open).as("security definer functions executable by PUBLIC").isEmpty();
    }

    @Test
    void setupScriptPreparesADatabaseWithPsql() throws Exception {
        assumeThat(Path.of("/usr/bin/psql")).as("psql installed").exists();
        ServiceEndpoints services = TestServices.endpoints();
        String fresh = UniqueNames.database("setup_script");
        Path password = Files.createTempFile("lethe-auditor-password", ".txt");
        Files.writeString(password, "it's a secret", StandardCharsets.UTF_8);
        var process = new ProcessBuilder(
                        "bash", DeployScripts.path("postgresql/setup.sh").toString(), fresh)
                .redirectErrorStream(true);
        process.environment().put("PGHOST", services.postgresHost());
        process.environment().put("PGPORT", Integer.toString(services.postgresPort()));
        process.environment().put("PGUSER", services.postgresUser());
        process.environment().put("PGPASSWORD", services.postgresPassword());
        process.environment().put("LETHE_AUDITOR_PASSWORD_FILE", password.toString());
        Process run = process.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("it's a secret");
        try (Connection postgres = superuser("postgres");
                Statement statement = postgres.createStatement();
                var owner = statement.executeQuery("select pg_get_userbyid(datdba), has_database_privilege('public',"
                        + " datname, 'connect'), (select rolpassword is not null from pg_authid where rolname ="
                        + " 'lethe_auditor') from pg_database where datname = '" + fresh + "'")) {
            assertThat(owner.next()).isTrue();
            assertThat(owner.getString(1)).isEqualTo("lethe_owner");
            assertThat(owner.getBoolean(2)).as("PUBLIC may connect").isFalse();
            assertThat(owner.getBoolean(3)).as("the auditor's password was set").isTrue();
        }
    }

    private static void assertRefused(String role, UUID tenant, String sql, String sqlState) {
        assertThatThrownBy(() -> {
                    try (Connection connection = connect(role);
                            Statement statement = connection.createStatement()) {
                        if (tenant != null) {
                            statement.execute("set lethe.tenant_id = '" + tenant + "'");
                        }
                        statement.execute(sql);
                    }
                })
                .as(role + ": " + sql)
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState));
    }

    private static long queryCount(String role, UUID tenant, String sql) throws SQLException {
        try (Connection connection = connect(role);
                Statement statement = connection.createStatement()) {
            if (tenant != null) {
                statement.execute("set lethe.tenant_id = '" + tenant + "'");
            }
            try (var result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static String auditEntry(UUID tenant, long seq) {
        return "insert into audit_entry (tenant_id, seq, recorded_at, actor_kind, actor_id, action, target, details,"
                + " previous_hash, hash) values ('" + tenant + "', " + seq + ", now(), 'SYSTEM', 'it',"
                + " 'it.tested', '', '{}', 'genesis', 'hash-" + seq + "')";
    }

    private static Connection connect(String role) throws SQLException {
        return DriverManager.getConnection(TestServices.endpoints().jdbcUrl(database), role, "");
    }

    private static Connection superuser(String name) throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        return DriverManager.getConnection(
                services.jdbcUrl(name), services.postgresUser(), services.postgresPassword());
    }
}
