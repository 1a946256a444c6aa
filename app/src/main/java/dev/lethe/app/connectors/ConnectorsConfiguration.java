package dev.lethe.app.connectors;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.discovery.DiscoveryImport;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.elasticsearch.ElasticsearchConnectorType;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.kafka.KafkaConnectorType;
import dev.lethe.connectors.mariadb.MariaDbConnectorType;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.vault.VaultValueProtection;
import dev.lethe.ui.connectors.ConnectionOperations;
import dev.lethe.ui.connectors.ConnectionSecrets;
import dev.lethe.ui.connectors.Connections;
import dev.lethe.ui.connectors.ConnectorTypes;
import dev.lethe.ui.connectors.RegisteredSystems;
import dev.lethe.ui.connectors.UnverifiedConnections;
import dev.lethe.vault.Vault;
import dev.lethe.vault.kms.Kms;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connectors in the application: the connector types (one bean each: adding a type is adding a bean
 * here or anywhere in the context), the outbound guard from {@code lethe.connectors.allowed-targets},
 * the runtime every connection gets (guard, classifier, the vault for HASH and TOKENIZE), and the
 * registry of connections with their sealed secrets.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorsConfiguration {

    @Bean
    PostgresConnectorType postgresConnectorType() {
        return new PostgresConnectorType();
    }

    @Bean
    MariaDbConnectorType mariaDbConnectorType() {
        return new MariaDbConnectorType();
    }

    @Bean
    ElasticsearchConnectorType elasticsearchConnectorType() {
        return new ElasticsearchConnectorType();
    }

    /** Kafka topics that ingest protects: erasure shreds through the vault, the locator is Lethe's own index. */
    @Bean
    KafkaConnectorType kafkaConnectorType(Vault vault, ElasticsearchClient locator) {
        return new KafkaConnectorType(vault, locator);
    }

    @Bean
    ConnectorTypes connectorTypes(List<ConnectorType> types) {
        return new ConnectorTypes(types);
    }

    @Bean
    OutboundGuard outboundGuard(ConnectorsProperties properties) {
        return properties.guard();
    }

    @Bean
    ConnectorRuntime connectorRuntime(OutboundGuard guard, Vault vault) {
        return new ConnectorRuntime(guard, PiiClassifier.create(), new VaultValueProtection(vault));
    }

    @Bean
    ConnectionSecrets connectionSecrets(Kms kms) {
        return new ConnectionSecrets(kms);
    }

    @Bean
    SealedKeyRotation connectionSecretRotation(DSLContext dsl, ConnectionSecrets secrets) {
        return new SealedKeyRotation(dsl, secrets.sealing(), "connection");
    }

    @Bean
    Connections connections(
            DSLContext dsl,
            CatalogChanges changes,
            DataSystems systems,
            ConnectorTypes types,
            ConnectionSecrets secrets,
            OutboundGuard guard,
            AuditTrail trail,
            ConnectorsProperties properties) {
        return new Connections(dsl, changes, systems, types, secrets, guard, trail, properties.approvalRequired());
    }

    /** {@code prod} warns of stored connections without verified TLS (threat model 8.7). */
    @Bean
    UnverifiedConnectionWarnings unverifiedConnectionWarnings(DSLContext dsl, Tenants tenants) {
        return new UnverifiedConnectionWarnings(new UnverifiedConnections(dsl, tenants));
    }

    @Bean
    RegisteredSystems registeredSystems(Connections connections, ConnectorTypes types, ConnectorRuntime runtime) {
        return new RegisteredSystems(connections, types, runtime);
    }

    @Bean
    ConnectionOperations connectionOperations(
            Connections connections,
            RegisteredSystems systems,
            DiscoveryImport discoveryImport,
            SubjectMaps subjectMaps,
            AuditTrail trail,
            ConnectorsProperties properties) {
        return new ConnectionOperations(
                connections, systems, discoveryImport, subjectMaps, trail, properties.discoverySample());
    }
}
