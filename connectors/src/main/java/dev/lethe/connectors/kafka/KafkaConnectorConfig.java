package dev.lethe.connectors.kafka;

import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.FieldType;
import dev.lethe.connectors.spi.Glob;
import dev.lethe.connectors.tls.CaCertificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a Kafka connection, typed. {@link #toString()} never shows the SASL password.
 *
 * @param bootstrapServers {@code host:port} of one or more brokers, each checked by the guard
 * @param topics topic names or globs ({@code orders.*}) that are this connection's datasets
 * @param streams the ingest streams whose topics these are: a target topic holds vault tokens under
 *     the subject's key, and the locator points at the source topic's records
 * @param subjectIdentity the identity type that is the subject id the streams' subject path holds
 */
public record KafkaConnectorConfig(
        List<BrokerAddress> bootstrapServers,
        String securityProtocol,
        String caCertificate,
        String saslMechanism,
        String saslUsername,
        String saslPassword,
        List<String> topics,
        List<IngestStream> streams,
        String subjectIdentity,
        Duration requestTimeout) {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._*-]{1,249}");
    private static final Pattern IDENTITY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** {@code SSL} (the default) and {@code SASL_SSL} check the certificate and the broker's host name. */
    static final List<String> PROTOCOL_VALUES = List.of("SSL", "SASL_SSL", "PLAINTEXT");

    private static final Set<String> PROTOCOLS = Set.copyOf(PROTOCOL_VALUES);
    private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    /** One broker address as configured. */
    public record BrokerAddress(String host, int port) {

        static BrokerAddress parse(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new IllegalArgumentException("is host:port");
            }
            String host = value.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has a port that is not a number");
            }
            if (port < 1 || port > 65535 || host.isBlank() || host.contains("/") || host.contains("@")) {
                throw new IllegalArgumentException("is host:port with a port in 1-65535");
            }
            return new BrokerAddress(host, port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** An ingest stream: records of {@code source} are published protected to {@code target}. */
    public record IngestStream(String source, String target) {

        static IngestStream parse(String value) {
            int arrow = value.indexOf("->");
            if (arrow <= 0) {
                throw new IllegalArgumentException("is source->target");
            }
            String source = value.substring(0, arrow).strip();
            String target = value.substring(arrow + 2).strip();
            if (!isTopicName(source) || !isTopicName(target) || source.equals(target)) {
                throw new IllegalArgumentException("names two different topics as source->target");
            }
            return new IngestStream(source, target);
        }
    }

    static final ConfigField BOOTSTRAP_SERVERS = ConfigField.required(
                    "bootstrap-servers", FieldType.LIST, "Brokers to start from, host:port, comma separated")
            .validatedBy(value -> problem(value, BrokerAddress::parse, "a broker"));
    static final ConfigField SECURITY_PROTOCOL = ConfigField.optional(
                    "security-protocol",
                    FieldType.STRING,
                    "SSL",
                    "SSL (certificate and host name checked), SASL_SSL, or PLAINTEXT (no TLS: only for a local or"
                            + " test cluster)")
            .validatedBy(value ->
                    PROTOCOLS.contains(value) ? Optional.empty() : Optional.of("is one of SSL, SASL_SSL, PLAINTEXT"));
    static final ConfigField CA_CERTIFICATE = ConfigField.optional(
                    "ca-certificate",
                    FieldType.STRING,
                    null,
                    "CA certificate (PEM) that signed the broker certificates, for a private CA; empty: the trusted CAs of Java")
            .validatedBy(CaCertificate::problem);
    static final ConfigField SASL_MECHANISM = ConfigField.optional(
                    "sasl-mechanism",
                    FieldType.STRING,
                    "SCRAM-SHA-512",
                    "With SASL_SSL: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
            .validatedBy(value -> MECHANISMS.contains(value)
                    ? Optional.empty()
                    : Optional.of("is one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512"));
    static final ConfigField SASL_USERNAME =
            ConfigField.optional("sasl-username", FieldType.STRING, null, "With SASL_SSL: the user");
    static final ConfigField SASL_PASSWORD = ConfigField.optional(
                    "sasl-password", FieldType.STRING, null, "With SASL_SSL: the user's password")
            .asSecret();
    static final ConfigField TOPICS = ConfigField.required(
                    "topics",
                    FieldType.LIST,
                    "Topics Lethe may read and write: names or globs (orders.*), comma separated")
            .validatedBy(value -> problem(value, KafkaConnectorConfig::topic, "a topic"));
    static final ConfigField STREAMS = ConfigField.optional(
                    "ingest-streams",
                    FieldType.LIST,
                    null,
                    "Lethe ingest streams among the topics, source->target (orders.raw->orders.clean), comma separated")
            .validatedBy(value -> problem(value, IngestStream::parse, "a stream"));
    static final ConfigField SUBJECT_IDENTITY = ConfigField.optional(
                    "subject-identity",
                    FieldType.STRING,
                    "customer_id",
                    "The identity type of the subject id in the streams' subject path (customer_id, user_id, ...)")
            .validatedBy(value -> IDENTITY.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of("is lower case letters, digits and '_'"));
    static final ConfigField REQUEST_TIMEOUT = ConfigField.optional(
                    "request-timeout-seconds", FieldType.INTEGER, "30", "Longest a request to a broker may take")
            .validatedBy(value -> Long.parseLong(value) >= 1 && Long.parseLong(value) <= 600
                    ? Optional.empty()
                    : Optional.of("is between 1 and 600"));

    static final List<ConfigField> FIELDS = List.of(
            BOOTSTRAP_SERVERS,
            SECURITY_PROTOCOL,
            CA_CERTIFICATE,
            SASL_MECHANISM,
            SASL_USERNAME,
            SASL_PASSWORD,
            TOPICS,
            STREAMS,
            SUBJECT_IDENTITY,
            REQUEST_TIMEOUT);

    public KafkaConnectorConfig {
        bootstrapServers = List.copyOf(bootstrapServers);
        topics = List.copyOf(topics);
        streams = List.copyOf(streams);
    }

    static KafkaConnectorConfig from(ConnectorConfig config) {
        return new KafkaConnectorConfig(
                config.list(BOOTSTRAP_SERVERS).stream()
                        .map(BrokerAddress::parse)
                        .toList(),
                config.require(SECURITY_PROTOCOL),
                config.string(CA_CERTIFICATE).map(CaCertificate::pem).orElse(null),
                config.require(SASL_MECHANISM),
                config.string(SASL_USERNAME).orElse(null),
                config.string(SASL_PASSWORD).orElse(null),
                config.list(TOPICS),
                config.list(STREAMS).stream().map(IngestStream::parse).toList(),
                config.require(SUBJECT_IDENTITY),
                Duration.ofSeconds(config.integer(REQUEST_TIMEOUT).orElseThrow()));
    }

    /** Whether the brokers are reached over TLS (their certificates and host names checked). */
    boolean tls() {
        return !securityProtocol.equals("PLAINTEXT");
    }

    /** Whether {@code topic} is one of this connection's datasets. */
    boolean covers(String topic) {
        return topics.stream().anyMatch(pattern -> Glob.matches(pattern, topic));
    }

    /** The stream whose target {@code topic} is: its values are tokens under the subject's key. */
    Optional<IngestStream> streamWithTarget(String topic) {
        return streams.stream().filter(stream -> stream.target().equals(topic)).findFirst();
    }

    private static String topic(String value) {
        if (!TOPIC.matcher(value).matches()) {
            throw new IllegalArgumentException("has a topic that is not letters, digits, '.', '_', '-' or '*'");
        }
        return value;
    }

    private static boolean isTopicName(String value) {
        return TOPIC.matcher(value).matches() && !value.contains("*");
    }

    private static Optional<String> problem(String value, java.util.function.Function<String, ?> parse, String what) {
        List<String> problems = new ArrayList<>();
        for (String item : value.split(",")) {
            try {
                parse.apply(item.strip());
            } catch (IllegalArgumentException e) {
                problems.add(what + " " + e.getMessage() + ": '" + item.strip() + "'");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    @Override
    public String toString() {
        return "KafkaConnectorConfig[" + bootstrapServers + ", " + securityProtocol
                + (saslUsername == null ? "" : ", user " + saslUsername) + ", topics=" + topics + ", streams="
                + streams + "]";
    }
}
