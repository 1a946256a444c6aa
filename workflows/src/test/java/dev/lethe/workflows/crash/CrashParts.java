package dev.lethe.workflows.crash;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.erasure.ErasureRules;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.vault.postgres.PostgresKeyRepository;
import dev.lethe.workflows.erasure.ErasurePlanner;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.EncryptedLocalPackageStore;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.request.RequestSignals;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SubjectRestrictions;
import dev.lethe.workflows.steps.ActivityParts;
import dev.lethe.workflows.steps.RequestActivitiesImpl;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real parts over the shared catalog, vault and keys, as each process of the crash test builds
 * them: the test (to file, approve and check) and every worker process (to run the activities).
 */
record CrashParts(DSLContext app, AuditTrail trail, Vault vault, Receipts receipts, SharedKeys keys) {

    static CrashParts open(CrashSettings settings) {
        DSLContext app = TenantConnections.app(settings.catalogUrl());
        SharedKeys keys = SharedKeys.read(settings.keys());
        AuditTrail trail = new AuditTrail(app, keys.signer(), 1_000_000);
        // The vault's keys as production keeps them: in PostgreSQL, wrapped by a KMS keyset in a file.
        var keyStore = new PGSimpleDataSource();
        keyStore.setURL(settings.catalogUrl());
        keyStore.setUser(settings.postgresUser());
        keyStore.setPassword(settings.postgresPassword());
        Vault vault = new VaultBuilder()
                .kms(LocalKms.open(settings.keys().resolve("keyset.json")))
                .keyRepository(new PostgresKeyRepository(DSL.using(keyStore, SQLDialect.POSTGRES)))
                .audit(new SilentAudit())
                .build();
        return new CrashParts(app, trail, vault, new Receipts(app, keys.signer(), trail), keys);
    }

    RequestStore store(RequestSignals signals) {
        return new RequestStore(app, trail, keys.sealing(), signals);
    }

    /** The request activities over the real parts, for a worker process. */
    RequestActivitiesImpl activities(CrashSettings settings, RequestSignals signals) {
        var changes = new CatalogChanges(app, trail);
        var taxonomy = new Taxonomy(app, changes);
        var datasets = new Datasets(app, changes);
        var subjectMaps = new SubjectMaps(app);
        var retention = new RetentionPolicies(app, changes, taxonomy);
        var flows = new DataFlows(app, changes, taxonomy);
        var planner = new ErasurePlanner(
                datasets,
                subjectMaps,
                new ErasureRules(app, changes, taxonomy),
                new LegalHolds(app, changes, taxonomy),
                retention);
        var elasticsearch = ElasticsearchClient.of(config -> config.host(settings.elasticsearch()));
        var kms = LocalKms.open(settings.keys().resolve("keyset.json"));
        return RequestActivitiesImpl.over(new ActivityParts(
                app,
                store(signals),
                new SubjectRestrictions(app, trail),
                new ShopSystems(settings),
                subjectMaps,
                datasets,
                flows,
                planner,
                vault,
                new SubjectLocator(elasticsearch),
                new RequestPackages(
                        app,
                        new EncryptedLocalPackageStore(settings.keys().resolve("packages"), kms),
                        trail,
                        Clock.systemUTC()),
                new CatalogFacts(
                        new DataSystems(app, changes),
                        datasets,
                        new ProcessingActivities(app, changes, taxonomy),
                        flows,
                        retention),
                receipts,
                Clock.systemUTC(),
                Duration.ofDays(1)));
    }

    /** The vault's own audit is not what this test checks. */
    private static final class SilentAudit implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
