package dev.lethe.app.cli;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.ChainVerification;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code ./lethe audit verify [--tenant SLUG] [--db-url URL] [--db-user USER]}: checks each
 * tenant's audit chain straight in the database, without the application, and prints one JSON
 * line per tenant. Exit code 0 when every chain is intact, 1 when one is broken, 2 when the check
 * could not run. The password comes from {@code SPRING_DATASOURCE_PASSWORD}, never the command line.
 */
public final class AuditVerifyCli {

    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:15432/lethe";

    private AuditVerifyCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.getOrDefault("SPRING_DATASOURCE_URL", LOCAL_URL);
        String user = env.getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
        String tenantSlug = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db-url" -> url = value(args, ++i);
                case "--db-user" -> user = value(args, ++i);
                case "--tenant" -> tenantSlug = value(args, ++i);
                default -> {
                    err.println("lethe audit verify: unknown option '" + args[i] + "'. "
                            + "Usage: ./lethe audit verify [--tenant SLUG] [--db-url URL] [--db-user USER]");
                    return 2;
                }
            }
        }
        if (url == null || user == null || args.length > 0 && args[args.length - 1].startsWith("--")) {
            err.println("lethe audit verify: an option is missing its value");
            return 2;
        }
        try (Connection connection =
                DriverManager.getConnection(url, user, env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""))) {
            return verify(DSL.using(connection, SQLDialect.POSTGRES), tenantSlug, out, err);
        } catch (SQLException e) {
            err.println("lethe audit verify: cannot read the database at " + url + " (" + e.getSQLState() + "). "
                    + "Start Lethe (./lethe up), or point --db-url / SPRING_DATASOURCE_URL at its database.");
            return 2;
        }
    }

    private static int verify(DSLContext dsl, String tenantSlug, PrintStream out, PrintStream err) {
        var tenants = new Tenants(dsl);
        List<Tenant> chosen = tenantSlug == null
                ? tenants.all()
                : tenants.findBySlug(tenantSlug).map(List::of).orElse(List.of());
        if (chosen.isEmpty()) {
            err.println("lethe audit verify: no tenant " + (tenantSlug == null ? "at all" : "'" + tenantSlug + "'"));
            return 2;
        }
        var trail = AuditTrail.forVerification(dsl);
        boolean allIntact = true;
        for (Tenant tenant : chosen) {
            ChainVerification verification = trail.verify(tenant.id());
            allIntact &= verification.intact();
            out.println(line(tenant, verification));
        }
        return allIntact ? 0 : 1;
    }

    private static String line(Tenant tenant, ChainVerification verification) {
        String prefix = "{\"tenant\":\"" + tenant.slug() + "\",\"intact\":" + verification.intact();
        return verification.intact()
                ? prefix + ",\"entries\":" + verification.entries() + ",\"head\":\"" + verification.head() + "\"}"
                : prefix + ",\"firstBrokenSeq\":" + verification.firstBrokenSeq() + ",\"reason\":\""
                        + verification.reason() + "\"}";
    }

    private static String value(String[] args, int index) {
        return index < args.length ? args[index] : null;
    }
}
