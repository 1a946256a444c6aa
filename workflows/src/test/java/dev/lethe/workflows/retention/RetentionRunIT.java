package dev.lethe.workflows.retention;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.PORTAL_AGENT;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.CatalogTestDatabase;
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
import dev.lethe.catalog.discovery.DiscoveryImport;
import dev.lethe.catalog.discovery.ImportSummary;
import dev.lethe.catalog.retention.HoldDraft;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionDraft;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.workflows.packages.PackageStore;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.IdentitySealing;
import dev.lethe.workflows.request.RequestSignals;
import dev.lethe.workflows.request.RequestStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention runs end to end on the real services: the catalog (as the application's role), the embedded
 * Temporal server, and a shop database purged through the real PostgreSQL connector.
 */
@ExtendWith(LocalServicesExtension.class)
class RetentionRunIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String HELD = "user7@example.org";
    private static final RunTimings TIMINGS = new RunTimings(
            Duration.ofSeconds(20),
            Duration.ofMinutes(2),
            Duration.ofSeconds(3),
            Duration.ofMillis(300),
            Duration.ofSeconds(2),
            10);

    private static DSLContext owner;
    private static DSLContext app;
    private static AuditTrail trail;
    private static CatalogChanges changes;
    private static IdentityHashes hashes;

    private final String taskQueue = UniqueNames.of("retention");
    private final List<WorkerFactory> factories = new ArrayList<>();
    private final List<WorkflowServiceStubs> workerStubs = new ArrayList<>();
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private UUID tenant;
    private Editor officer;
    private UUID policyId;
    private UUID ordersId;
    private ShopDatabase shop;
    private RetentionRuns runs;

    @BeforeAll
    static void database() throws Exception {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_retention_run");
        owner = database.owner();
        app = database.app();
        changes = database.changes();
        trail = new AuditTrail(app, NO_CHECKPOINTS, 1_000_000);
        Vault vault = new VaultBuilder()
                .kms(LocalKms.open(
                        Files.createTempDirectory("lethe-retention-it").resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(NO_VAULT_AUDIT)
                .build();
        hashes = new IdentityHashes(vault);
    }

    /** A tenant whose shop keeps orders 90 days, with a legal hold on one customer whose order expired. */
    @BeforeEach
    void shop() throws Exception {
        tenant = new Tenants(owner)
                .create(UniqueNames.of("retention"), "Retention")
                .id();
        officer = new Editor(tenant, Actor.user("officer"));
        Taxonomy taxonomy = new Taxonomy(app, changes);
        UUID system = as(() -> new DataSystems(app, changes)
                .create(officer, new SystemDraft("shop", null, null, null, null, null))
                .id());
        ImportSummary imported = as(() -> new DiscoveryImport(app, changes)
                .importInto(
                        officer,
                        system,
                        List.of(new DiscoveredDataset(
                                ShopDatabase.ORDERS,
                                "TABLE",
                                ShopDatabase.ORDERS,
                                List.of(
                                        new DiscoveredField("id", "bigint", List.of(), 0, null),
                                        new DiscoveredField("email", "text", List.of("contact.email"), 0.97, "email"),
                                        new DiscoveredField("total", "integer", List.of(), 0, null),
                                        new DiscoveredField("created_at", "timestamptz", List.of(), 0, null)))),
                        List.of()));
        UUID orders = imported.datasets().getFirst().id();
        ordersId = orders;
        Datasets datasets = new Datasets(app, changes);
        int version =
                as(() -> datasets.find(tenant, orders).orElseThrow().revision().version());
        as(() -> new FieldReview(changes).review(officer, orders, version, FieldStatus.CONFIRMED));
        policyId = as(() -> new RetentionPolicies(app, changes, taxonomy)
                .create(
                        officer,
                        new RetentionDraft(
                                "orders 90 days", orders, null, "P90D", null, "created_at", null, null, null, null))
                .id());
        String heldHash = hashes.of(tenant, "email", HELD);
        as(() -> new LegalHolds(app, changes, taxonomy)
                .place(officer, new HoldDraft(null, null, null, List.of(heldHash), "case 2026-3", null)));
        runs = new RetentionRuns(app, trail);
        shop = ShopDatabase.create(system, 1000, 600);
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(TestServices.endpoints().temporalTarget())
                .build());
        client = WorkflowClient.newInstance(stubs);
    }

    @AfterEach
    void stopWorkers() {
        factories.forEach(WorkerFactory::shutdownNow);
        workerStubs.forEach(WorkflowServiceStubs::shutdownNow);
        stubs.shutdownNow();
    }

    @Test
    void expiredOrdersGoHeldOnesStayPreviewsMatchAndASecondRunChangesNothing() throws Exception {
        RetentionParts parts = parts(RetentionSettings.defaults());
        UUID oldRequest = closedRequest(OffsetDateTime.now(ZoneOffset.UTC).minusYears(4));
        UUID recentRequest = closedRequest(OffsetDateTime.now(ZoneOffset.UTC).minusYears(1));
        filedByAgent(oldRequest);
        filedByAgent(recentRequest);
        startWorker(parts);
        TemporalRetentionControl control = control();

        PolicyPreview preview = as(() -> new RetentionPreviews(parts).preview(tenant, policyId));
        RetentionRun first = run(control);

        assertThat(preview.targets()).singleElement().satisfies(target -> {
            assertThat(target.state()).as("%s", target.reason()).isEqualTo(TaskState.PENDING);
            assertThat(target.dataset()).isEqualTo(ShopDatabase.ORDERS);
            assertThat(target.records()).isEqualTo(599);
            assertThat(target.held()).isEqualTo(1);
            assertThat(target.oldest()).isNotNull();
        });
        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(first.tasks()).singleElement().satisfies(task -> {
            assertThat(task.state()).as("%s", task.reason()).isEqualTo(TaskState.DONE);
            assertThat(task.records()).isEqualTo(599);
            assertThat(task.held()).isEqualTo(1);
            assertThat(task.attempts()).isEqualTo(1);
        });
        assertThat(shop.expired()).isEqualTo(1);
        assertThat(shop.count("email = '" + HELD + "'")).isEqualTo(1);
        assertThat(shop.count("true")).isEqualTo(401);
        assertThat(as(() -> new RetentionPreviews(parts).preview(tenant, policyId))
                        .targets())
                .singleElement()
                .extracting(TargetPreview::records, TargetPreview::held)
                .containsExactly(0L, 1L);

        RetentionRun second = run(control);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.tasks())
                .singleElement()
                .extracting(RunTask::records, RunTask::held)
                .containsExactly(0L, 1L);
        assertThat(shop.count("true")).isEqualTo(401);
        // Lethe's own data: the request closed four years ago lost its identities, the recent one did not.
        assertThat(owner.select(REQUEST.IDENTITY_HASHES)
                        .from(REQUEST)
                        .where(REQUEST.ID.eq(oldRequest))
                        .fetchOne(REQUEST.IDENTITY_HASHES))
                .isEmpty();
        assertThat(owner.select(REQUEST.IDENTITY_HASHES)
                        .from(REQUEST)
                        .where(REQUEST.ID.eq(recentRequest))
                        .fetchOne(REQUEST.IDENTITY_HASHES))
                .hasSize(1);
        // ... and the agent who filed it, with their proof, went with them.
        assertThat(owner.fetchCount(PORTAL_AGENT, PORTAL_AGENT.REQUEST_ID.eq(oldRequest)))
                .isZero();
        assertThat(owner.fetchCount(PORTAL_AGENT, PORTAL_AGENT.REQUEST_ID.eq(recentRequest)))
                .isEqualTo(1);
        assertThat(owner.select(AUDIT_ENTRY.ACTION)
                        .from(AUDIT_ENTRY)
                        .where(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                        .and(AUDIT_ENTRY.ACTION.startsWith("retention."))
                        .orderBy(AUDIT_ENTRY.SEQ)
                        .fetch(AUDIT_ENTRY.ACTION))
                .containsExactly(
                        "retention.run.started",
                        "retention.policy.enforced",
                        "retention.own_data.purged",
                        "retention.run.finished",
                        "retention.run.started",
                        "retention.policy.enforced",
                        "retention.own_data.purged",
                        "retention.run.finished");
        assertThat(parts.meters()
                        .get("lethe.retention.records.purged")
                        .tag("policy", policyId.toString())
                        .counter()
                        .count())
                .isEqualTo(599);
    }

    @Test
    void anEventClockKeepsTheOldOrdersOfCustomersWhoOrderedAgainAndPurgesTheOthers() throws Exception {
        // Customers 1..600 ordered a year ago; 101..200 ordered again today: by their last order they are active.
        shop.orderAgain(101, 200);
        UUID lastOrder = as(() -> new RetentionPolicies(app, changes, new Taxonomy(app, changes))
                .create(
                        officer,
                        new RetentionDraft(
                                "orders 90 days after the customer's last order",
                                ordersId,
                                null,
                                "P90D",
                                "EVENT",
                                "created_at",
                                null,
                                null,
                                null,
                                null))
                .id());
        RetentionParts parts = parts(RetentionSettings.defaults());
        startWorker(parts);
        TemporalRetentionControl control = control();

        TargetPreview preview = as(() -> new RetentionPreviews(parts).preview(tenant, lastOrder))
                .targets()
                .getFirst();
        RetentionRun first = run(control, Set.of(lastOrder));
        RetentionRun second = run(control, Set.of(lastOrder));

        assertThat(preview.state()).as("%s", preview.reason()).isEqualTo(TaskState.PENDING);
        assertThat(preview.records()).isEqualTo(499);
        assertThat(preview.held()).as("user7, held and inactive").isEqualTo(1);
        assertThat(first.tasks()).singleElement().satisfies(task -> {
            assertThat(task.state()).as("%s", task.reason()).isEqualTo(TaskState.DONE);
            assertThat(task.records()).isEqualTo(499);
            assertThat(task.held()).isEqualTo(1);
        });
        assertThat(shop.count("email in ('user150@example.org', 'user101@example.org', 'user200@example.org')"))
                .as("both orders of customers who ordered again")
                .isEqualTo(6);
        assertThat(shop.count("email = 'user300@example.org'")).isZero();
        assertThat(shop.expired())
                .as("the active customers' old orders and the held one")
                .isEqualTo(101);
        assertThat(shop.count("true")).isEqualTo(1100 - 499);
        assertThat(second.tasks())
                .singleElement()
                .extracting(RunTask::records, RunTask::held)
                .containsExactly(0L, 1L);
        assertThat(shop.count("true")).isEqualTo(1100 - 499);
    }

    @Test
    void aRunWhoseWorkerStopsHalfwayIsFinishedByANewWorkerWithCorrectCounts() throws Exception {
        // 20 orders a batch and a pause after each: 30 batches, seconds long, to stop the worker in between.
        RetentionParts parts = parts(new RetentionSettings(
                20, Duration.ofMillis(150), 0, 5, Duration.ofMillis(300), Duration.ofMinutes(2), Period.ofYears(3)));
        WorkerFactory first = startWorker(parts);
        TemporalRetentionControl control = control();

        RetentionRun run = as(() -> control.runNow(new Editor(tenant, Actor.user("officer")), Set.of()));
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (shop.expired() > 400 && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        // The worker's process dies: its pollers, heartbeats and connection to Temporal end with it.
        first.shutdownNow();
        workerStubs.getFirst().shutdownNow();
        first.awaitTermination(30, TimeUnit.SECONDS);
        long leftWhenStopped = shop.expired();
        startWorker(parts);

        RunStatus status = result(run.id());

        assertThat(leftWhenStopped).isBetween(2L, 400L);
        assertThat(status).isEqualTo(RunStatus.COMPLETED);
        assertThat(shop.expired()).isEqualTo(1);
        RetentionRun finished = as(() -> runs.find(tenant, run.id())).orElseThrow();
        assertThat(finished.tasks()).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(TaskState.DONE);
            assertThat(task.records()).isEqualTo(599);
            assertThat(task.held()).isEqualTo(1);
            assertThat(task.attempts()).isGreaterThanOrEqualTo(2);
        });
    }

    private RetentionRun run(TemporalRetentionControl control) throws Exception {
        return run(control, Set.of());
    }

    private RetentionRun run(TemporalRetentionControl control, Set<UUID> policies) throws Exception {
        RetentionRun run = as(() -> control.runNow(new Editor(tenant, Actor.user("officer")), policies));
        result(run.id());
        return as(() -> runs.find(tenant, run.id())).orElseThrow();
    }

    /** The run's status when its workflow ended; when it does not, what it waits for. */
    private RunStatus result(UUID runId) {
        String workflowId = RetentionWorker.runWorkflowId(runId);
        try {
            return client.newUntypedWorkflowStub(workflowId)
                    .getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, RunStatus.class);
        } catch (java.util.concurrent.TimeoutException e) {
            var described = stubs.blockingStub()
                    .describeWorkflowExecution(
                            io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                                    .setNamespace("default")
                                    .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                            .setWorkflowId(workflowId))
                                    .build());
            throw new AssertionError(
                    "the run did not end: " + as(() -> runs.find(tenant, runId)) + " pending: "
                            + described.getPendingActivitiesList() + " workflow task: "
                            + described.getPendingWorkflowTask(),
                    e);
        }
    }

    private RetentionParts parts(RetentionSettings settings) {
        Taxonomy taxonomy = new Taxonomy(app, changes);
        RequestStore requests = new RequestStore(app, trail, NO_SEALING, NO_SIGNALS);
        return new RetentionParts(
                app,
                trail,
                new RetentionRuns(app, trail),
                new RetentionPolicies(app, changes, taxonomy),
                new Datasets(app, changes),
                new LegalHolds(app, changes, taxonomy),
                shop,
                hashes,
                requests,
                new RequestPackages(app, NO_PACKAGES, trail, Clock.systemUTC()),
                new SimpleMeterRegistry(),
                Clock.systemUTC(),
                settings);
    }

    /** A worker with a connection of its own to Temporal, as a worker process has. */
    private WorkerFactory startWorker(RetentionParts parts) {
        WorkflowServiceStubs own = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(TestServices.endpoints().temporalTarget())
                .build());
        workerStubs.add(own);
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(own));
        RetentionWorker.register(
                factory,
                taskQueue,
                // No sticky workflow tasks: the embedded server never moves a task from a dead worker's sticky
                // queue back to the shared one (as in the request crash test).
                WorkerOptions.newBuilder()
                        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                        .build(),
                RetentionActivitiesImpl.over(parts));
        factory.start();
        factories.add(factory);
        return factory;
    }

    private TemporalRetentionControl control() {
        return new TemporalRetentionControl(client, taskQueue, runs, TIMINGS, Clock.systemUTC());
    }

    /** A request closed at {@code closedAt}, as the request tables keep it (sealed subject, hashes). */
    private UUID closedRequest(OffsetDateTime closedAt) {
        UUID id = UUID.randomUUID();
        owner.insertInto(REQUEST)
                .set(REQUEST.ID, id)
                .set(REQUEST.TENANT_ID, tenant)
                .set(REQUEST.TYPE, "ACCESS")
                .set(REQUEST.STATUS, "COMPLETED")
                .set(REQUEST.REGULATION, "GDPR")
                .set(REQUEST.CHANNEL, "API")
                .set(REQUEST.CREATED_BY, "user:officer")
                .set(REQUEST.IDENTITY_TYPES, new String[] {"email"})
                .set(REQUEST.IDENTITY_HASHES, new String[] {hashes.of(tenant, "email", HELD)})
                .set(REQUEST.SUBJECT, new byte[] {1, 2, 3})
                .set(REQUEST.SUBJECT_DEK, new byte[] {4, 5, 6})
                .set(REQUEST.KEK_VERSION, 1)
                .set(REQUEST.RECEIVED_AT, closedAt.minusDays(10))
                .set(REQUEST.DUE_AT, closedAt.plusDays(20))
                .set(REQUEST.CLOSED_AT, closedAt)
                .execute();
        return id;
    }

    /** The request was filed on the portal by an authorized agent, with a proof (sealed bytes stand in). */
    private void filedByAgent(UUID requestId) {
        owner.insertInto(PORTAL_AGENT)
                .set(PORTAL_AGENT.TENANT_ID, tenant)
                .set(PORTAL_AGENT.REQUEST_ID, requestId)
                .set(PORTAL_AGENT.DETAILS, new byte[] {7, 8, 9})
                .set(PORTAL_AGENT.DETAILS_KEY, new byte[] {10, 11})
                .set(PORTAL_AGENT.DETAILS_KEK, 1)
                .set(PORTAL_AGENT.PROOF, new byte[] {12, 13})
                .set(PORTAL_AGENT.PROOF_KEY, new byte[] {14, 15})
                .set(PORTAL_AGENT.PROOF_KEK, 1)
                .set(PORTAL_AGENT.PROOF_TYPE, "application/pdf")
                .set(PORTAL_AGENT.PROOF_SIZE, 2)
                .execute();
    }

    private <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private void as(Runnable work) {
        TenantContext.runAs(tenant, work);
    }

    private static final CheckpointSigner NO_CHECKPOINTS = new CheckpointSigner() {
        @Override
        public String keyId() {
            return "none";
        }

        @Override
        public byte[] sign(byte[] message) {
            throw new UnsupportedOperationException("no checkpoints in this test");
        }
    };

    private static final VaultAudit NO_VAULT_AUDIT = new VaultAudit() {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    };

    /** Retention never opens a request's subject. */
    private static final IdentitySealing NO_SEALING = new IdentitySealing() {
        @Override
        public Sealed seal(UUID tenantId, UUID requestId, byte[] plaintext) {
            throw new UnsupportedOperationException("retention seals nothing");
        }

        @Override
        public byte[] open(UUID tenantId, UUID requestId, Sealed sealed) {
            throw new UnsupportedOperationException("retention opens nothing");
        }
    };

    private static final RequestSignals NO_SIGNALS = new RequestSignals() {
        @Override
        public void started(UUID tenantId, UUID requestId) {}

        @Override
        public void changed(UUID tenantId, UUID requestId) {}
    };

    /** No packages in these tenants. */
    private static final PackageStore NO_PACKAGES = new PackageStore() {
        @Override
        public void write(UUID tenantId, String key, PackageStore.ObjectWriter writer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream read(UUID tenantId, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(UUID tenantId, String key) {
            return false;
        }

        @Override
        public boolean exists(UUID tenantId, String key) {
            return false;
        }
    };
}
