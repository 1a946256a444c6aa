package dev.lethe.app.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.app.audit.AuditProperties;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldDiscovery;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.ingest.IngestSettings;
import dev.lethe.ingest.RecordProtector;
import dev.lethe.ingest.StoredObjections;
import dev.lethe.ingest.SubjectLocations;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.ingest.registry.Streams;
import dev.lethe.ingest.runtime.CatalogDatasetFields;
import dev.lethe.ingest.runtime.StreamRuntime;
import dev.lethe.ingest.runtime.StreamSupervisor;
import dev.lethe.ingest.runtime.StreamTopics;
import dev.lethe.vault.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jooq.DSLContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The stream registry, and this process's stream workers when it has the ingest role ({@code
 * lethe.ingest.enabled}): they start once the application is ready and follow the registry from
 * then on.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    Streams streams(
            DSLContext dsl,
            CatalogChanges changes,
            DataSystems systems,
            Datasets datasets,
            Taxonomy taxonomy,
            Tenants tenants,
            StreamTopicProperties topics,
            AuditProperties audit) {
        return new Streams(
                dsl,
                changes,
                systems,
                datasets,
                taxonomy,
                tenants,
                topics.policy(audit.anchors().topic()));
    }

    @Bean(destroyMethod = "close")
    StreamTopics streamTopics(KafkaAdmin kafkaAdmin, IngestProperties properties) {
        var config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new StreamTopics(
                Admin.create(config),
                properties.topicPartitions(),
                properties.topicReplicationFactor(),
                properties.deadLetterRetention());
    }

    @Bean
    SubjectLocations subjectLocations(ElasticsearchClient elasticsearch) {
        return new SubjectLocations(elasticsearch);
    }

    /** The catalog's confirmed fields for the protector, and discovered fields back into the catalog. */
    @Bean(destroyMethod = "close")
    CatalogDatasetFields catalogDatasetFields(DSLContext dsl, CatalogChanges changes, IngestProperties properties) {
        var fields = new CatalogDatasetFields(
                new FieldDiscovery(dsl, changes), properties.fieldsRefresh(), properties.fieldsFlush());
        fields.start();
        return fields;
    }

    @Bean(destroyMethod = "close")
    StreamSupervisor streamSupervisor(
            Streams streams,
            CatalogDatasetFields fields,
            Vault vault,
            ElasticsearchClient elasticsearch,
            MeterRegistry meterRegistry,
            DSLContext dsl,
            IngestProperties properties) {
        var protector = new RecordProtector(PiiClassifier.create(), vault, fields);
        var locator = new SubjectLocator(elasticsearch);
        // Art. 21: protected records of a subject who objected carry the purposes (re-read as often as fields).
        var objections = new StoredObjections(dsl, properties.fieldsRefresh(), Clock.systemUTC());
        return new StreamSupervisor(
                streams,
                settings -> new StreamRuntime(settings, protector, locator, fields, objections, meterRegistry));
    }

    /**
     * Starts the ingest role once the application is ready (the HTTP port is known then: it is part
     * of the default instance id).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> ingestRole(
            StreamSupervisor supervisor, IngestProperties properties, KafkaAdmin kafkaAdmin, Environment environment) {
        return event -> {
            if (properties.enabled()) {
                supervisor.start(
                        new IngestSettings(
                                bootstrapServers(kafkaAdmin),
                                properties.instanceId() != null
                                        ? properties.instanceId()
                                        : defaultInstanceId(environment),
                                properties.transactionTimeout(),
                                properties.maxPollRecords(),
                                (int) properties.fetchMinBytes().toBytes(),
                                properties.fetchMaxWait(),
                                connectionSecurity(kafkaAdmin.getConfigurationProperties())),
                        properties.reconcileInterval());
            }
        };
    }

    /**
     * The connection's security settings of Spring Boot's Kafka client configuration ({@code spring.kafka.security.*},
     * {@code spring.kafka.ssl.*}, {@code spring.kafka.properties.sasl.*}): the stream workers build their own clients.
     */
    static Map<String, Object> connectionSecurity(Map<String, Object> clientConfig) {
        Map<String, Object> security = new HashMap<>();
        clientConfig.forEach((key, value) -> {
            // An SSL bundle (spring.kafka.ssl.bundle) arrives as ssl.engine.factory.class plus the bundle itself.
            if (key.startsWith("security.")
                    || key.startsWith("ssl.")
                    || key.startsWith("sasl.")
                    || key.startsWith("org.springframework.boot.ssl.")) {
                security.put(key, value);
            }
        });
        return security;
    }

    private static String bootstrapServers(KafkaAdmin kafkaAdmin) {
        Object servers = kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        return servers instanceof Collection<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(servers);
    }

    /** Host name and HTTP port: stable across restarts, and distinct for processes sharing a host. */
    private static String defaultInstanceId(Environment environment) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-") + "-"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }
}
