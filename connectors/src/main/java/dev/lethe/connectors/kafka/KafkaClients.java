package dev.lethe.connectors.kafka;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.kafka.KafkaConnectorConfig.BrokerAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka clients for one operation, bootstrapped from the addresses the guard checked (never from the
 * names again). Brokers tell clients where the other brokers are (their advertised listeners), and
 * clients connect there: so after the first metadata answer every advertised broker goes through the
 * guard too, and an operation refuses to go on when one is not allowed ({@link #checkAdvertised}).
 */
final class KafkaClients {

    private final KafkaConnectorConfig config;
    private final OutboundGuard guard;

    KafkaClients(KafkaConnectorConfig config, OutboundGuard guard) {
        this.config = config;
        this.guard = guard;
    }

    /**
     * The checked addresses as a bootstrap list; throws the guard's refusal. Over TLS the checked
     * names instead: the client must check each broker's certificate against its host name (a name
     * that now points elsewhere reaches only a handshake that fails there).
     */
    String bootstrap() {
        StringBuilder servers = new StringBuilder();
        for (BrokerAddress broker : config.bootstrapServers()) {
            GuardedTarget target = guard.check(broker.host(), broker.port());
            String host = config.tls() ? target.host() : target.address().getHostAddress();
            String address = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
            servers.append(servers.isEmpty() ? "" : ",")
                    .append(address)
                    .append(':')
                    .append(target.port());
        }
        return servers.toString();
    }

    Admin admin() {
        return Admin.create(common(bootstrap()));
    }

    /** Checks every broker the cluster advertises; throws the guard's refusal for the first that is not allowed. */
    void checkAdvertised(Admin admin) throws Exception {
        long timeout = config.requestTimeout().toMillis();
        for (Node node : admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS)) {
            guard.check(node.host(), node.port());
        }
    }

    /** An admin client whose cluster's advertised brokers were checked. */
    Admin checkedAdmin() throws Exception {
        Admin admin = admin();
        try {
            checkAdvertised(admin);
            return admin;
        } catch (Exception | Error e) {
            admin.close();
            throw e;
        }
    }

    /** A consumer without a group (assign and seek only), reading committed records only. */
    KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> properties = common(bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer that waits for every in-sync replica (tombstones must not be lost). */
    KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> properties = common(bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) config.requestTimeout().toMillis() * 2);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> common(String bootstrap) {
        int timeout = (int) config.requestTimeout().toMillis();
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // The bootstrap list holds checked addresses: use exactly those, no canonical-name lookups.
        properties.put(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG, "use_all_dns_ips");
        properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, "lethe-connector-" + UUID.randomUUID());
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        properties.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(timeout, 10_000));
        properties.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(timeout, 10_000));
        properties.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.securityProtocol());
        if (config.tls()) {
            // Kafka's default too; stated so that no broker-side or inherited setting turns it off.
            properties.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
            if (config.caCertificate() != null) {
                properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
                properties.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, config.caCertificate());
            }
        }
        if (config.securityProtocol().equals("SASL_SSL")) {
            properties.put(SaslConfigs.SASL_MECHANISM, config.saslMechanism());
            // A PASSWORD-typed setting: Kafka's own config logging shows it as [hidden].
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaas());
        }
        return properties;
    }

    private String jaas() {
        String module = config.saslMechanism().equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + escape(config.saslUsername()) + "\" password=\""
                + escape(config.saslPassword()) + "\";";
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
