package dev.lethe.connectors.postgres;

import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.FieldType;
import dev.lethe.connectors.tls.CaCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The settings of a PostgreSQL connection, typed. {@link #toString()} never shows the password. */
public record PostgresConnectorConfig(
        String host,
        int port,
        String database,
        String user,
        String password,
        List<String> schemas,
        String sslMode,
        String caCertificate,
        Duration statementTimeout) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");
    static final List<String> SSL_MODE_VALUES = List.of("verify-full", "verify-ca", "require", "prefer", "disable");
    private static final Set<String> SSL_MODES = Set.copyOf(SSL_MODE_VALUES);

    static final ConfigField HOST = ConfigField.required("host", FieldType.HOST, "Host name or address of the server");
    static final ConfigField PORT = ConfigField.optional("port", FieldType.PORT, "5432", "Port of the server");
    static final ConfigField DATABASE = ConfigField.required("database", FieldType.STRING, "Database to connect to")
            .validatedBy(PostgresConnectorConfig::nameProblem);
    static final ConfigField USER = ConfigField.required(
                    "user", FieldType.STRING, "Login role; needs SELECT to discover, DELETE/UPDATE to erase")
            .validatedBy(PostgresConnectorConfig::nameProblem);
    static final ConfigField PASSWORD = ConfigField.optional(
                    "password", FieldType.STRING, null, "Password of the login role")
            .asSecret();
    static final ConfigField SCHEMAS = ConfigField.optional(
                    "schemas", FieldType.LIST, "public", "Schemas Lethe may read and change, comma separated")
            .validatedBy(PostgresConnectorConfig::schemasProblem);
    static final ConfigField SSL_MODE = ConfigField.optional(
                    "ssl-mode",
                    FieldType.STRING,
                    "verify-full",
                    "TLS: verify-full (certificate and host name checked), verify-ca, require, prefer or disable"
                            + " (no TLS: only for a local or test system)")
            .validatedBy(value -> SSL_MODES.contains(value)
                    ? Optional.empty()
                    : Optional.of("is one of verify-full, verify-ca, require, prefer, disable"));
    static final ConfigField CA_CERTIFICATE = ConfigField.optional(
                    "ca-certificate",
                    FieldType.STRING,
                    null,
                    "CA certificate (PEM) that signed the server certificate, for a private CA; empty: the trusted CAs of Java")
            .validatedBy(CaCertificate::problem);
    static final ConfigField STATEMENT_TIMEOUT = ConfigField.optional(
                    "statement-timeout-seconds", FieldType.INTEGER, "30", "Longest a single statement may run")
            .validatedBy(value -> Long.parseLong(value) >= 1 && Long.parseLong(value) <= 3600
                    ? Optional.empty()
                    : Optional.of("is between 1 and 3600"));

    static final List<ConfigField> FIELDS =
            List.of(HOST, PORT, DATABASE, USER, PASSWORD, SCHEMAS, SSL_MODE, CA_CERTIFICATE, STATEMENT_TIMEOUT);

    static PostgresConnectorConfig from(ConnectorConfig config) {
        return new PostgresConnectorConfig(
                config.require(HOST),
                config.integer(PORT).orElseThrow().intValue(),
                config.require(DATABASE),
                config.require(USER),
                config.string(PASSWORD).orElse(""),
                config.list(SCHEMAS),
                config.require(SSL_MODE),
                config.string(CA_CERTIFICATE).map(CaCertificate::pem).orElse(null),
                Duration.ofSeconds(config.integer(STATEMENT_TIMEOUT).orElseThrow()));
    }

    private static Optional<String> nameProblem(String value) {
        return NAME.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("is letters, digits, '_', '$' or '-' (at most 63)");
    }

    private static Optional<String> schemasProblem(String value) {
        for (String schema : value.split(",")) {
            String name = schema.strip();
            if (!NAME.matcher(name).matches()) {
                return Optional.of("has a schema name that is not letters, digits, '_', '$' or '-'");
            }
            if (name.equals("pg_catalog") || name.equals("information_schema")) {
                return Optional.of("must not include the system schema " + name);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "PostgresConnectorConfig[" + user + "@" + host + ":" + port + "/" + database + ", schemas=" + schemas
                + ", ssl-mode=" + sslMode + (caCertificate == null ? "" : ", own CA") + "]";
    }
}
