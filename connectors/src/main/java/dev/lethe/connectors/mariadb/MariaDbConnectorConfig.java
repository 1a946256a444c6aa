package dev.lethe.connectors.mariadb;

import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.FieldType;
import dev.lethe.connectors.tls.CaCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a MySQL or MariaDB connection, typed. {@link #toString()} never shows the
 * password.
 */
public record MariaDbConnectorConfig(
        String host,
        int port,
        String database,
        String user,
        String password,
        String sslMode,
        String caCertificate,
        Duration statementTimeout) {

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,63}");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_$.@-]{1,80}");
    /**
     * {@code verify-full} (the default) checks the certificate against the host name; {@code disable}
     * is the explicit opt-out for a local system.
     */
    static final List<String> SSL_MODE_VALUES = List.of("verify-full", "verify-ca", "trust", "disable");

    private static final Set<String> SSL_MODES = Set.copyOf(SSL_MODE_VALUES);

    static final ConfigField HOST = ConfigField.required("host", FieldType.HOST, "Host name or address of the server");
    static final ConfigField PORT = ConfigField.optional("port", FieldType.PORT, "3306", "Port of the server");
    static final ConfigField DATABASE = ConfigField.required(
                    "database", FieldType.STRING, "Database (schema) whose tables Lethe may read and change")
            .validatedBy(value -> DATABASE_NAME.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of("is letters, digits, '_', '$' or '-' (at most 64)"));
    static final ConfigField USER = ConfigField.required(
                    "user", FieldType.STRING, "User; needs SELECT to discover, DELETE/UPDATE to erase")
            .validatedBy(value -> USER_NAME.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of("is letters, digits, '_', '$', '.', '@' or '-' (at most 80)"));
    static final ConfigField PASSWORD = ConfigField.optional("password", FieldType.STRING, null, "Password of the user")
            .asSecret();
    static final ConfigField SSL_MODE = ConfigField.optional(
                    "ssl-mode",
                    FieldType.STRING,
                    "verify-full",
                    "TLS: verify-full (certificate and host name checked), verify-ca, trust (encrypt, no"
                            + " certificate check) or disable (no TLS: only for a local or test system)")
            .validatedBy(value -> SSL_MODES.contains(value)
                    ? Optional.empty()
                    : Optional.of("is one of verify-full, verify-ca, trust, disable"));
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
            List.of(HOST, PORT, DATABASE, USER, PASSWORD, SSL_MODE, CA_CERTIFICATE, STATEMENT_TIMEOUT);

    static MariaDbConnectorConfig from(ConnectorConfig config) {
        return new MariaDbConnectorConfig(
                config.require(HOST),
                config.integer(PORT).orElseThrow().intValue(),
                config.require(DATABASE),
                config.require(USER),
                config.string(PASSWORD).orElse(""),
                config.require(SSL_MODE),
                config.string(CA_CERTIFICATE).map(CaCertificate::pem).orElse(null),
                Duration.ofSeconds(config.integer(STATEMENT_TIMEOUT).orElseThrow()));
    }

    @Override
    public String toString() {
        return "MariaDbConnectorConfig[" + user + "@" + host + ":" + port + "/" + database + ", ssl-mode=" + sslMode
                + (caCertificate == null ? "" : ", own CA") + "]";
    }
}
