package dev.lethe.app.catalog.api;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.dataset.DataFields;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldReview;
import dev.lethe.catalog.discovery.DiscoveryImport;
import dev.lethe.catalog.erasure.ErasureRules;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.reference.DatasetReferences;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.ropa.EnforcementHistory;
import dev.lethe.catalog.ropa.RecordsOfProcessing;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.taxonomy.Taxonomy;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data map's access classes. Writes and their audit entries share the application's
 * transaction manager (jOOQ's Spring transaction provider), so a row and its audit entry commit
 * together.
 */
@Configuration(proxyBeanMethods = false)
class CatalogApiConfiguration {

    @Bean
    CatalogChanges catalogChanges(DSLContext dsl, AuditTrail trail) {
        return new CatalogChanges(dsl, trail);
    }

    @Bean
    Taxonomy taxonomy(DSLContext dsl, CatalogChanges changes) {
        return new Taxonomy(dsl, changes);
    }

    @Bean
    DataSystems dataSystems(DSLContext dsl, CatalogChanges changes) {
        return new DataSystems(dsl, changes);
    }

    @Bean
    Datasets datasets(DSLContext dsl, CatalogChanges changes) {
        return new Datasets(dsl, changes);
    }

    @Bean
    DataFields dataFields(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        return new DataFields(dsl, changes, taxonomy);
    }

    @Bean
    FieldReview fieldReview(CatalogChanges changes) {
        return new FieldReview(changes);
    }

    @Bean
    DatasetReferences datasetReferences(DSLContext dsl, CatalogChanges changes) {
        return new DatasetReferences(dsl, changes);
    }

    @Bean
    DiscoveryImport discoveryImport(DSLContext dsl, CatalogChanges changes) {
        return new DiscoveryImport(dsl, changes);
    }

    @Bean
    SubjectMaps subjectMaps(DSLContext dsl) {
        return new SubjectMaps(dsl);
    }

    @Bean
    ProcessingActivities processingActivities(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        return new ProcessingActivities(dsl, changes, taxonomy);
    }

    @Bean
    DataFlows dataFlows(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        return new DataFlows(dsl, changes, taxonomy);
    }

    @Bean
    RetentionPolicies retentionPolicies(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        return new RetentionPolicies(dsl, changes, taxonomy);
    }

    @Bean
    LegalHolds legalHolds(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        return new LegalHolds(dsl, changes, taxonomy);
    }

    @Bean
    ErasureRules erasureRules(DSLContext dsl, CatalogChanges changes, Taxonomy taxonomy) {
        return new ErasureRules(dsl, changes, taxonomy);
    }

    @Bean
    RecordsOfProcessing recordsOfProcessing(
            DSLContext dsl,
            ProcessingActivities activities,
            DataFlows flows,
            RetentionPolicies retention,
            Taxonomy taxonomy,
            EnforcementHistory enforcement) {
        return new RecordsOfProcessing(dsl, activities, flows, retention, taxonomy, enforcement);
    }
}
