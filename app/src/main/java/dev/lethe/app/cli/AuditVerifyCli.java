package dev.lethe.app.cli;

import dev.lethe.app.audit.CheckpointAnchorSet;
import dev.lethe.app.audit.FileCheckpointAnchors;
import dev.lethe.app.audit.KafkaCheckpointAnchors;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.ChainVerification;
import dev.lethe.catalog.audit.CheckpointAnchors;
import dev.lethe.catalog.audit.CheckpointAnchors.AnchorsUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./lethe audit verify [--tenant SLUG] [--db-url URL] [--db-user USER] [--kafka BOOTSTRAP]
 * [--anchor-topic TOPIC] [--anchor-file PATH] [--skip-anchors]}: checks each tenant's audit chain straight in the database,
 * without the application, against the signed checkpoints there and the checkpoint anchors on Kafka
 * (and in an anchor file, {@code --anchor-file} or {@code LETHE_AUDIT_ANCHORS_FILE}),
 * and prints one JSON line per tenant. The password comes from {@code SPRING_DATASOURCE_PASSWORD},
 * never the command line: a password option ({@code --db-password}, {@code --password}, ...) or a
 * {@code --db-url} with a {@code password=} parameter is refused (exit 2) before anything runs.
 *
 * <p>Works with any database role, the production role {@code lethe_app} included: it learns which
 * tenants and how many entries exist from {@code lethe_audit_extent()} (which row-level security does
 * not narrow), and reads each tenant's rows with {@code lethe.tenant_id} set to it. Reading fewer
 * entries than exist is an error, never an intact chain.
 *
 * <p>Exit codes: 0 every chain proven intact; 1 a chain is broken; 2 the check could not run (usage,
 * database unreachable, no tenant, rows the role cannot read); 3 the chains in the database verify but
 * the anchors could not be read, so nothing is claimed ({@code --skip-anchors} checks the database
 * only, and every line then says {@code "anchors":"not-checked"}).
 */
public final class AuditVerifyCli {

    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:15432/lethe";
    static final String LOCAL_KAFKA = "127.0.0.1:19092";

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int CANNOT_RUN = 2;
    static final int ANCHORS_UNREADABLE = 3;

    private static final String USAGE = "Usage: ./lethe audit verify [--tenant SLUG] [--db-url URL] [--db-user USER]"
            + " [--kafka BOOTSTRAP] [--kafka-config FILE] [--anchor-topic TOPIC] [--anchor-file PATH] [--skip-anchors]";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Refused rather than warned about: by the time a warning could be printed the password is already in
     * {@code ps}, {@code /proc/<pid>/cmdline} and the shell's history, and a script that runs with a
     * warning keeps doing it. Nothing is read or connected before this check.
     */
    private static final String PASSWORD_REFUSED = "lethe audit verify: a password is never taken on the command line"
            + " (every user of the machine sees it in ps, and it stays in the shell's history)."
            + " Set SPRING_DATASOURCE_PASSWORD in the environment instead.";

    private static final Pattern PASSWORD_OPTION = Pattern.compile("--?(db-?)?(password|passwd|pass|pwd)(=.*)?");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("[?&;]password=", Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD_VALUE_IN_URL =
            Pattern.compile("([?&;]password=)[^&;]*", Pattern.CASE_INSENSITIVE);

    private record Options(
            String url,
            String user,
            String tenantSlug,
            String kafka,
            Map<String, String> kafkaConfig,
            String anchorTopic,
            String anchorFile,
            boolean skipAnchors) {}

    private record TenantExtent(UUID id, String slug) {}

    private AuditVerifyCli() {}

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.getOrDefault("SPRING_DATASOURCE_URL", LOCAL_URL);
        String user = env.getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
        String kafka = env.getOrDefault("SPRING_KAFKA_BOOTSTRAP_SERVERS", LOCAL_KAFKA);
        String topic = env.getOrDefault("LETHE_AUDIT_ANCHORS_TOPIC", KafkaCheckpointAnchors.DEFAULT_TOPIC);
        String anchorFile = env.get("LETHE_AUDIT_ANCHORS_FILE");
        String tenantSlug = null;
        String kafkaConfigFile = null;
        boolean skipAnchors = false;
        boolean missingValue = false;
        for (int i = 0; i < args.length; i++) {
            if (isPasswordOption(args[i])) {
                err.println(PASSWORD_REFUSED);
                return CANNOT_RUN;
            }
            switch (args[i]) {
                case "--db-url" -> {
                    url = value(args, ++i);
                    if (url != null && PASSWORD_IN_URL.matcher(url).find()) {
                        err.println(PASSWORD_REFUSED);
                        return CANNOT_RUN;
                    }
                }
                case "--db-user" -> user = value(args, ++i);
                case "--tenant" -> tenantSlug = value(args, ++i);
                case "--kafka" -> kafka = value(args, ++i);
                case "--kafka-config" -> {
                    kafkaConfigFile = value(args, ++i);
                    missingValue |= kafkaConfigFile == null;
                }
                case "--anchor-topic" -> topic = value(args, ++i);
                case "--anchor-file" -> {
                    anchorFile = value(args, ++i);
                    missingValue |= anchorFile == null;
                }
                case "--skip-anchors" -> skipAnchors = true;
                default -> {
                    // The name only: whatever follows an '=' may be a secret typed in the wrong place.
                    err.println("lethe audit verify: unknown option '" + args[i].split("=", 2)[0] + "'. " + USAGE);
                    return CANNOT_RUN;
                }
            }
        }
        if (missingValue || url == null || user == null || kafka == null || topic == null) {
            err.println("lethe audit verify: an option is missing its value. " + USAGE);
            return CANNOT_RUN;
        }
        Map<String, String> kafkaConfig;
        try {
            kafkaConfig = kafkaConfig(kafkaConfigFile);
        } catch (IOException e) {
            err.println("lethe audit verify: cannot read the Kafka client settings " + kafkaConfigFile + " ("
                    + e.getClass().getSimpleName() + ")");
            return CANNOT_RUN;
        }
        var options = new Options(url, user, tenantSlug, kafka, kafkaConfig, topic, anchorFile, skipAnchors);
        try (Connection connection =
                DriverManager.getConnection(url, user, env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""))) {
            return verify(DSL.using(connection, SQLDialect.POSTGRES), options, out, err);
        } catch (SQLException | DataAccessException e) {
            String state = e instanceof SQLException sql ? sql.getSQLState() : ((DataAccessException) e).sqlState();
            err.println("lethe audit verify: cannot read the database at " + redacted(url) + " (" + state + "). "
                    + switch (state == null ? "" : state) {
                        case "42883" ->
                            "Its schema is older than this verifier: start this version of Lethe"
                                    + " once so that its migrations run.";
                        case "42501" ->
                            "The role " + user + " may not read the audit chain: use lethe_app or"
                                    + " the owner, or grant it SELECT on the audit tables and EXECUTE on"
                                    + " lethe_audit_extent().";
                        default ->
                            "Start Lethe (./lethe up), or point --db-url / SPRING_DATASOURCE_URL at its" + " database.";
                    });
            return CANNOT_RUN;
        }
    }

    private static int verify(DSLContext dsl, Options options, PrintStream out, PrintStream err) {
        List<TenantExtent> tenants = dsl.fetch("select tenant_id, slug from lethe_audit_extent()").stream()
                .map(row -> new TenantExtent(row.get(0, UUID.class), row.get(1, String.class)))
                .filter(tenant -> options.tenantSlug() == null || tenant.slug().equals(options.tenantSlug()))
                .toList();
        if (tenants.isEmpty()) {
            err.println("lethe audit verify: no tenant "
                    + (options.tenantSlug() == null
                            ? "at all: this database holds no tenant, so there is nothing to prove"
                            : "'" + options.tenantSlug() + "'"));
            return CANNOT_RUN;
        }
        CheckpointAnchors anchors = options.skipAnchors() ? null : readAnchors(options, err);
        if (options.skipAnchors()) {
            err.println("lethe audit verify: anchors not checked (--skip-anchors): a tail cut off together with"
                    + " its checkpoints in the database would not be found");
        }
        var trail = AuditTrail.forVerification(dsl);
        int exit = INTACT;
        for (TenantExtent tenant : tenants) {
            // Row-level security shows a role without BYPASSRLS only the rows of the tenant it acts for.
            dsl.fetch(
                    "select set_config('lethe.tenant_id', ?, false), set_config('lethe.platform', 'off', false)",
                    tenant.id().toString());
            ChainVerification verification =
                    anchors == null ? trail.verify(tenant.id()) : trail.verify(tenant.id(), anchors);
            out.println(line(tenant, verification));
            exit = worse(exit, exitCode(verification));
            if (verification.outcome() == ChainVerification.Outcome.UNREADABLE) {
                err.println("lethe audit verify: tenant " + tenant.slug() + ": " + verification.reason());
            }
        }
        return exit;
    }

    /**
     * A Kafka client properties file (as Kafka's own tools take with {@code --command-config}): {@code
     * security.protocol}, {@code ssl.*}, {@code sasl.*} for a broker that speaks TLS or SASL only. Empty without one.
     */
    static Map<String, String> kafkaConfig(String file) throws IOException {
        if (file == null) {
            return Map.of();
        }
        var properties = new Properties();
        try (var reader = Files.newBufferedReader(Path.of(file))) {
            properties.load(reader);
        }
        Map<String, String> config = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }

    /** The anchors on Kafka, and in the anchor file when one is named. */
    private static CheckpointAnchors readAnchors(Options options, PrintStream err) {
        CheckpointAnchors kafka = readKafkaAnchors(options, err);
        return options.anchorFile() == null
                ? kafka
                : new CheckpointAnchorSet(List.of(kafka, new FileCheckpointAnchors(Path.of(options.anchorFile()))));
    }

    /** All anchors in one read; when they can't be read, every tenant's check says so (exit 3). */
    private static CheckpointAnchors readKafkaAnchors(Options options, PrintStream err) {
        Map<String, Object> config = new HashMap<>(options.kafkaConfig());
        config.put("bootstrap.servers", options.kafka());
        try (var kafka = new KafkaCheckpointAnchors(config, options.anchorTopic())) {
            return kafka.snapshot();
        } catch (AnchorsUnavailableException e) {
            err.println("lethe audit verify: the checkpoint anchors (topic " + options.anchorTopic() + " on "
                    + options.kafka() + ") could not be read: " + e.getMessage() + ". No chain is reported"
                    + " intact without them; point --kafka / SPRING_KAFKA_BOOTSTRAP_SERVERS at Lethe's Kafka, or"
                    + " pass --skip-anchors to check the database alone.");
            return CheckpointAnchors.unreadable(e);
        }
    }

    private static int exitCode(ChainVerification verification) {
        return switch (verification.outcome()) {
            case INTACT -> INTACT;
            case BROKEN -> BROKEN;
            case UNREADABLE -> CANNOT_RUN;
            case UNCONFIRMED -> ANCHORS_UNREADABLE;
        };
    }

    /** A broken chain outranks a check that could not run, which outranks unreadable anchors. */
    private static int worse(int a, int b) {
        List<Integer> rank = List.of(INTACT, ANCHORS_UNREADABLE, CANNOT_RUN, BROKEN);
        return rank.indexOf(a) >= rank.indexOf(b) ? a : b;
    }

    private static String line(TenantExtent tenant, ChainVerification verification) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("tenant", tenant.slug());
        line.put("intact", verification.intact());
        if (verification.intact()) {
            line.put("entries", verification.entries());
            line.put("head", verification.head());
        } else {
            if (verification.firstBrokenSeq() != null) {
                line.put("firstBrokenSeq", verification.firstBrokenSeq());
            }
            line.put("reason", verification.reason());
        }
        line.put("outcome", verification.outcome().name().toLowerCase(Locale.ROOT));
        line.put(
                "anchors",
                verification.anchors().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (verification.anchoredSeq() != null) {
            line.put("anchoredSeq", verification.anchoredSeq());
        }
        return JSON.writeValueAsString(line);
    }

    /** The URL as it may be printed: a password in the environment's URL is not repeated on the terminal. */
    private static String redacted(String url) {
        return PASSWORD_VALUE_IN_URL.matcher(url).replaceAll("$1***");
    }

    private static boolean isPasswordOption(String arg) {
        return PASSWORD_OPTION.matcher(arg.toLowerCase(Locale.ROOT)).matches();
    }

    private static String value(String[] args, int index) {
        return index < args.length && !args[index].startsWith("--") ? args[index] : null;
    }

    /** Library logging (Kafka's client, jOOQ's banner) would mix with the JSON lines on stdout. */
    private static void quietLogging() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }
}
