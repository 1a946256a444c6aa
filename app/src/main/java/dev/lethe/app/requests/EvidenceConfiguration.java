package dev.lethe.app.requests;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.requests.EvidenceApiSettings;
import dev.lethe.ui.security.AddressRateLimit;
import dev.lethe.ui.security.SecurityHeaders;
import dev.lethe.vault.kms.Kms;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.EncryptedLocalPackageStore;
import dev.lethe.workflows.packages.PackageLinks;
import dev.lethe.workflows.packages.PackageStore;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.receipt.Receipts;
import java.nio.file.Path;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Evidence of requests: the encrypted package store (a local directory by default; an S3-compatible
 * store would be another {@link PackageStore} bean), packages and their download links, the Art.
 * 15(1) facts from the catalog, erasure receipts signed with the audit's key, and the sweep that
 * deletes expired packages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvidenceProperties.class)
class EvidenceConfiguration {

    @Bean
    PackageStore packageStore(EvidenceProperties properties, Environment environment, Kms kms) {
        Path dataDir = Path.of(environment.getProperty("lethe.data-dir", ".lethe"));
        return new EncryptedLocalPackageStore(properties.dirOr(dataDir), kms);
    }

    /** The evidence API's share of the properties (its controller lives in the web tier). */
    @Bean
    EvidenceApiSettings evidenceApiSettings(EvidenceProperties properties) {
        return new EvidenceApiSettings(properties.linkTtl());
    }

    @Bean
    RequestPackages requestPackages(DSLContext dsl, PackageStore store, AuditTrail audit) {
        return new RequestPackages(dsl, store, audit, Clock.systemUTC());
    }

    @Bean
    PackageLinks packageLinks(DSLContext dsl, RequestPackages packages, AuditTrail audit) {
        return new PackageLinks(dsl, packages, audit, Clock.systemUTC());
    }

    @Bean
    CatalogFacts catalogFacts(
            DataSystems systems,
            Datasets datasets,
            ProcessingActivities activities,
            DataFlows flows,
            RetentionPolicies retention) {
        return new CatalogFacts(systems, datasets, activities, flows, retention);
    }

    @Bean
    Receipts receipts(DSLContext dsl, CheckpointSigner auditSigner, AuditTrail audit) {
        return new Receipts(dsl, auditSigner, audit);
    }

    @Bean(destroyMethod = "close")
    PackageExpiry packageExpiry(RequestPackages packages, Tenants tenants, EvidenceProperties properties) {
        return new PackageExpiry(packages, tenants, properties.sweepInterval());
    }

    /**
     * A download link carries no API key: the token in the path is the credential. This chain comes
     * before the API's, which would ask for a key; nothing else is under this path.
     */
    @Bean
    @Order(0)
    SecurityFilterChain packageLinkSecurity(HttpSecurity http, AddressRateLimit addressLimit) throws Exception {
        // Counted per client address like the API (threat model 4.10): a flood is answered 429.
        return addressLimit
                .applyTo(http)
                .securityMatcher("/api/v1/packages/*")
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityHeaders.with(SecurityHeaders.API_POLICY))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
