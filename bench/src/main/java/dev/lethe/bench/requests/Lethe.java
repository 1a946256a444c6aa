package dev.lethe.bench.requests;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldReview;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.discovery.DiscoveredDataset;
import dev.lethe.catalog.discovery.DiscoveredField;
import dev.lethe.catalog.discovery.DiscoveredReference;
import dev.lethe.catalog.discovery.DiscoveryImport;
import dev.lethe.catalog.discovery.ImportSummary;
import dev.lethe.catalog.erasure.ErasureRules;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.vault.VaultValueProtection;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.workflows.erasure.ErasurePlanner;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.EncryptedLocalPackageStore;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.request.Deadlines;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SubjectRestrictions;
import dev.lethe.workflows.run.DataSubjectRequestWorkflowImpl;
import dev.lethe.workflows.run.RequestTimings;
import dev.lethe.workflows.run.TemporalRequestSignals;
import dev.lethe.workflows.steps.ActivityParts;
import dev.lethe.workflows.steps.RequestActivitiesImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Lethe's request machinery in this process, as the application wires it: the catalog (migrated, one
 * tenant, the five shops discovered with their fields CONFIRMED), the vault with a local KMS, the
 * request store and management, the planner, the real activities, and a worker on the embedded
 * Temporal server on the bench's own task queue. Officers are two editors: one files, the other
 * approves (four-eyes).
 */
final class Lethe implements AutoCloseable {

    static final String TASK_QUEUE = "bench-requests";

    private static final List<DiscoveredDataset> SHOP = List.of(
            new DiscoveredDataset(
                    "public.customers",
                    "TABLE",
                    "public.customers",
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, "customer_id"),
                            new DiscoveredField("email", "text", List.of("contact.email"), 0.97, "email"),
                            new DiscoveredField("name", "text", List.of("identity.name"), 0.9, null))),
            new DiscoveredDataset(
                    "public.orders",
                    "TABLE",
                    "public.orders",
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, null),
                            new DiscoveredField("customer_id", "bigint", List.of(), 0, null),
                            new DiscoveredField("item", "text", List.of(), 0, null),
                            new DiscoveredField("amount", "numeric", List.of(), 0, null))));

    private static final List<DiscoveredReference> KEYS = List.of(
            new DiscoveredReference("public.orders", List.of("customer_id"), "public.customers", List.of("id")));

    final UUID tenant;
    final Editor filer;
    final Editor approver;
    final RequestManagement management;
    final CatalogDatabase catalog;
    private final WorkflowServiceStubs stubs;
    private final WorkerFactory workers;

    private Lethe(
            UUID tenant,
            CatalogDatabase catalog,
            RequestManagement management,
            WorkflowServiceStubs stubs,
            WorkerFactory workers) {
        this.tenant = tenant;
        this.filer = new Editor(tenant, Actor.apiKey("officer-filing"));
        this.approver = new Editor(tenant, Actor.apiKey("officer-approving"));
        this.catalog = catalog;
        this.management = management;
        this.stubs = stubs;
        this.workers = workers;
    }

    /**
     * @param concurrency activities (and workflow tasks) the worker runs at once; each system activity
     *     holds one connection to its shop database, each store step one pooled catalog connection
     */
    static Lethe start(
            ServiceEndpoints services,
            ShopDatabases shops,
            String shopPrefix,
            ElasticsearchClient elasticsearch,
            Path work,
            int concurrency)
            throws SQLException, GeneralSecurityException {
        CatalogDatabase catalog = CatalogDatabase.create(services, "lethe_bench_catalog", concurrency + 4);
        var app = catalog.app();
        var signer = new Ed25519Signer();
        var trail = new AuditTrail(app, signer, 1_000_000);
        var changes = new CatalogChanges(app, trail);
        var taxonomy = new Taxonomy(app, changes);
        var systems = new DataSystems(app, changes);
        var datasets = new Datasets(app, changes);
        var subjectMaps = new SubjectMaps(app);
        UUID tenant = new Tenants(catalog.owner())
                .create("bench-" + Long.toString(System.currentTimeMillis(), 36), "Requests bench")
                .id();
        var steward = new Editor(tenant, Actor.apiKey("steward"));

        List<BenchSystems.Registered> registered = new ArrayList<>();
        for (String name : ShopDatabases.NAMES) {
            UUID systemId = as(
                    tenant,
                    () -> systems.create(steward, new SystemDraft(name, null, null, null, null, null))
                            .id());
            ImportSummary imported =
                    as(tenant, () -> new DiscoveryImport(app, changes).importInto(steward, systemId, SHOP, KEYS));
            for (ImportSummary.DatasetOutcome outcome : imported.datasets()) {
                as(tenant, () -> {
                    int version = datasets.find(tenant, outcome.id())
                            .orElseThrow()
                            .revision()
                            .version();
                    return new FieldReview(changes).review(steward, outcome.id(), version, FieldStatus.CONFIRMED);
                });
            }
            registered.add(new BenchSystems.Registered(
                    BenchSystems.system(systemId, name), shops.settings(shopPrefix + name)));
        }

        var kms = LocalKms.open(work.resolve("kms/keyset.json"));
        Vault vault = new VaultBuilder()
                .kms(kms)
                .keyRepository(new InMemoryKeyRepository())
                .audit(new Unaudited())
                .build();
        var runtime = new ConnectorRuntime(
                OutboundGuard.fromSetting(services.postgresHost() + ":" + services.postgresPort()),
                PiiClassifier.create(),
                new VaultValueProtection(vault));
        var connected = new BenchSystems(tenant, registered, runtime);

        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(services.temporalTarget())
                .build());
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        var signals = new TemporalRequestSignals(client, TASK_QUEUE, RequestTimings.defaults());
        var sealing = new KmsSealing(kms);
        var store = new RequestStore(app, trail, sealing, signals);
        var management = new RequestManagement(
                app, trail, sealing, new IdentityHashes(vault), Deadlines.DEFAULTS, signals, Clock.systemUTC());
        var planner = new ErasurePlanner(
                datasets,
                subjectMaps,
                new ErasureRules(app, changes, taxonomy),
                new LegalHolds(app, changes, taxonomy),
                new RetentionPolicies(app, changes, taxonomy));
        var activities = RequestActivitiesImpl.over(new ActivityParts(
                app,
                store,
                new SubjectRestrictions(app, trail),
                connected,
                subjectMaps,
                datasets,
                new DataFlows(app, changes, taxonomy),
                planner,
                vault,
                new SubjectLocator(elasticsearch),
                new RequestPackages(
                        app, new EncryptedLocalPackageStore(work.resolve("packages"), kms), trail, Clock.systemUTC()),
                new CatalogFacts(
                        systems,
                        datasets,
                        new ProcessingActivities(app, changes, taxonomy),
                        new DataFlows(app, changes, taxonomy),
                        new RetentionPolicies(app, changes, taxonomy)),
                new Receipts(app, signer, trail),
                Clock.systemUTC(),
                Duration.ofDays(7)));

        // As RequestWorker.register, with the concurrency bounded: the shops' PostgreSQL takes 100
        // connections, and every system activity opens one (the connectors keep no pool by design).
        WorkerFactory workers = WorkerFactory.newInstance(client);
        Worker worker = workers.newWorker(
                TASK_QUEUE,
                WorkerOptions.newBuilder()
                        .setMaxConcurrentActivityExecutionSize(concurrency)
                        .setMaxConcurrentWorkflowTaskExecutionSize(concurrency)
                        .setMaxConcurrentLocalActivityExecutionSize(concurrency)
                        .build());
        worker.registerWorkflowImplementationTypes(DataSubjectRequestWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        workers.start();
        return new Lethe(tenant, catalog, management, stubs, workers);
    }

    <T> T as(Supplier<T> work) {
        return as(tenant, work);
    }

    private static <T> T as(UUID tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    @Override
    public void close() throws SQLException {
        workers.shutdownNow();
        stubs.shutdownNow();
        catalog.close();
    }

    /** The bench's audit signing key: Ed25519 in memory (the application's is the same, kept under the KMS). */
    private static final class Ed25519Signer implements CheckpointSigner {

        private final KeyPair pair;

        Ed25519Signer() throws GeneralSecurityException {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }

        @Override
        public String keyId() {
            return "bench";
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(pair.getPrivate());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The application records shreds in its audit trail; the bench's vault keeps no trail of its own. */
    private static final class Unaudited implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
