package dev.lethe.workflows.crash;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST_RECEIPT;
import static dev.lethe.catalog.jooq.Tables.REQUEST_SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.receipt.ReceiptVerifier;
import dev.lethe.workflows.receipt.SignedReceipt;
import dev.lethe.workflows.request.Channel;
import dev.lethe.workflows.request.Deadlines;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.NewRequest;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.run.RequestReconciler;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.run.TemporalRequestSignals;
import dev.lethe.workflows.steps.UnfinishedRequests;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crash test: erasures across five PostgreSQL shops run by a worker process that is
 * killed ({@code kill -9}) at random moments while they run, and started again each time; once the
 * Temporal server also forgets the unfinished workflows (as the embedded server does when it stops)
 * and the reconciler starts them again from PostgreSQL. Afterwards every request has completed, each
 * shop deleted each erased customer exactly once (its trigger's log says so), the other customers are
 * untouched, and each request has one receipt whose counts are the shop's records and whose signature
 * verifies. What happened (kills, their moments, the requests' states) is logged to {@code
 * target/crash-requests/}.
 */
@ExtendWith(LocalServicesExtension.class)
class RequestCrashIT {

    private static final int SHOPS = 5;
    private static final int CUSTOMERS = 30;
    private static final int REQUESTS = 20;
    private static final int KILLS = 4;
    /** The kill after which the Temporal server also forgets the unfinished workflows. */
    private static final int FORGETTING_KILL = 2;

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path journal;
    private long startedAt;

    @Test
    void erasuresKilledAtRandomMomentsCompleteOnceInEverySystemWithReceiptsThatMatchTheData() throws Exception {
        startedAt = System.nanoTime();
        ServiceEndpoints services = TestServices.endpoints();
        String run = UniqueNames.of("crash");
        Path dir = Path.of("target", "crash-requests", run).toAbsolutePath();
        Files.createDirectories(dir);
        journal = dir.resolve("crash.log");
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        log("run " + run + ", seed " + seed);

        CatalogTestDatabase catalog = CatalogTestDatabase.create("lethe_crash");
        DSLContext owner = catalog.owner();
        String catalogUrl =
                services.jdbcUrl(owner.fetchSingle("select current_database()").get(0, String.class));
        UUID tenant = new Tenants(owner).create(run, "Crash test").id();
        SharedKeys keys = SharedKeys.create(dir.resolve("keys"));
        owner.insertInto(AUDIT_SIGNING_KEY)
                .set(AUDIT_SIGNING_KEY.KEY_ID, keys.keyId())
                .set(AUDIT_SIGNING_KEY.PUBLIC_KEY, keys.publicKey().getEncoded())
                .set(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY, new byte[] {0})
                .set(AUDIT_SIGNING_KEY.KEK_VERSION, 1)
                .execute();
        List<CrashSettings.Shop> shops = new ArrayList<>();
        Map<String, Map<Long, Map<String, Long>>> before = new HashMap<>();
        for (int number = 1; number <= SHOPS; number++) {
            CrashSettings.Shop shop = CrashShops.create(catalog, tenant, number, CUSTOMERS);
            shops.add(shop);
            Map<Long, Map<String, Long>> customers = new HashMap<>();
            for (long customer = 1; customer <= CUSTOMERS; customer++) {
                customers.put(customer, CrashShops.records(shop, customer));
            }
            before.put(shop.name(), customers);
        }
        CrashSettings settings = new CrashSettings(
                catalogUrl,
                services.postgresHost(),
                services.postgresPort(),
                services.postgresUser(),
                services.postgresPassword(),
                dir.resolve("keys"),
                services.elasticsearchUrl(),
                services.temporalTarget(),
                UniqueNames.of("crash-requests"),
                shops);
        CrashParts parts = CrashParts.open(settings);
        var stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(services.temporalTarget())
                .build());
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        var signals = new TemporalRequestSignals(client, settings.taskQueue(), WorkerChild.TIMINGS);
        var management = new RequestManagement(
                parts.app(),
                parts.trail(),
                keys.sealing(),
                new IdentityHashes(parts.vault()),
                Deadlines.DEFAULTS,
                signals,
                Clock.systemUTC());
        Editor officer = new Editor(tenant, Actor.apiKey("officer"));
        Editor secondOfficer = new Editor(tenant, Actor.apiKey("second-officer"));
        log("set up in " + elapsed() + ": " + SHOPS + " shops of " + CUSTOMERS + " customers");

        int generation = 0;
        WorkerProcess worker = WorkerProcess.start(generation, settings, dir);
        log("worker " + generation + " started, pid " + worker.pid());
        Map<UUID, Long> requests = new LinkedHashMap<>();
        try {
            for (long customer = 1; customer <= REQUESTS; customer++) {
                NewRequest erasure = new NewRequest(
                        RequestType.ERASURE,
                        Identities.of("email", CrashShops.email(customer)),
                        "GDPR",
                        Channel.API,
                        null,
                        null);
                requests.put(
                        TenantContext.callAs(tenant, () -> management.file(officer, erasure))
                                .id(),
                        customer);
            }
            log("filed " + REQUESTS + " erasures");

            // Approvals trickle in, so that erasures start all through the kills. A worker is killed at a
            // random moment while erasures run: within a random one of its first erasure steps.
            int kills = 0;
            int killAfter = -1;
            Instant nextApproval = Instant.now();
            Instant deadline = Instant.now().plus(PATIENCE);
            while (true) {
                Map<UUID, RequestStatus> statuses = statuses(owner, tenant);
                if (statuses.values().stream().allMatch(RequestStatus::closed)) {
                    break;
                }
                if (!Instant.now().isBefore(deadline)) {
                    diagnose(owner, worker, dir, client, statuses);
                    throw new AssertionError("requests still open after " + PATIENCE + ": " + histogram(statuses) + "\n"
                            + worker.tail());
                }
                if (!Instant.now().isBefore(nextApproval)) {
                    statuses.entrySet().stream()
                            .filter(entry -> entry.getValue() == RequestStatus.AWAITING_APPROVAL)
                            .findFirst()
                            .ifPresent(entry -> approve(management, secondOfficer, entry.getKey()));
                    nextApproval = Instant.now().plusMillis(100 + random.nextInt(200));
                }
                worker.requireAlive();
                if (killAfter < 0 && worker.ready()) {
                    killAfter = 1 + random.nextInt(12);
                    log("worker " + generation + " ready; to be killed after its erasure step " + killAfter);
                }
                boolean erasing = statuses.values().stream()
                        .anyMatch(status -> status == RequestStatus.IN_PROGRESS || status == RequestStatus.VERIFYING);
                if (kills < KILLS && erasing && killAfter > 0 && worker.erasureSteps() >= killAfter) {
                    Thread.sleep(random.nextInt(400)); // somewhere in the steps that follow
                    log("kill -9 worker " + generation + " (pid " + worker.pid() + "): requests " + histogram(statuses)
                            + ", systems " + systemStates(owner, tenant));
                    worker.kill();
                    kills++;
                    if (kills == FORGETTING_KILL) {
                        forget(client, statuses);
                    }
                    worker = WorkerProcess.start(++generation, settings, dir);
                    killAfter = -1;
                    log("worker " + generation + " started, pid " + worker.pid());
                    if (kills == FORGETTING_KILL) {
                        reconcile(owner, signals);
                    }
                }
                Thread.sleep(100);
            }
            log("all closed after " + kills + " kills: " + histogram(statuses(owner, tenant)));
            assertThat(kills).as("kills while erasures ran").isGreaterThanOrEqualTo(3);
        } finally {
            worker.kill();
            stubs.shutdownNow();
        }

        assertThat(statuses(owner, tenant))
                .as("every request")
                .allSatisfy((id, status) -> assertThat(status)
                        .as("request " + id + " (customer " + requests.get(id) + ")")
                        .isEqualTo(RequestStatus.COMPLETED));
        for (CrashSettings.Shop shop : shops) {
            Map<Long, Long> deletions = deletions(shop);
            assertThat(deletions)
                    .as("each erased customer deleted exactly once in " + shop.name())
                    .hasSize(REQUESTS)
                    .allSatisfy((customer, times) -> assertThat(times).isEqualTo(1L));
            assertThat(deletions.keySet()).containsExactlyInAnyOrderElementsOf(requests.values());
            for (long customer = 1; customer <= CUSTOMERS; customer++) {
                Map<String, Long> now = CrashShops.records(shop, customer);
                if (customer <= REQUESTS) {
                    assertThat(now.values())
                            .as("customer " + customer + " in " + shop.name())
                            .containsOnly(0L);
                } else {
                    assertThat(now)
                            .as("untouched customer " + customer + " in " + shop.name())
                            .isEqualTo(before.get(shop.name()).get(customer));
                }
            }
        }
        Map<UUID, Integer> receiptsPerRequest = owner.select(REQUEST_RECEIPT.REQUEST_ID, DSL.count())
                .from(REQUEST_RECEIPT)
                .where(REQUEST_RECEIPT.TENANT_ID.eq(tenant))
                .groupBy(REQUEST_RECEIPT.REQUEST_ID)
                .fetchMap(REQUEST_RECEIPT.REQUEST_ID, DSL.count());
        assertThat(receiptsPerRequest)
                .as("one receipt per request")
                .hasSize(REQUESTS)
                .containsOnlyKeys(requests.keySet());
        assertThat(receiptsPerRequest.values()).containsOnly(1);
        for (Map.Entry<UUID, Long> request : requests.entrySet()) {
            SignedReceipt receipt = TenantContext.callAs(
                            tenant, () -> parts.receipts().find(tenant, request.getKey()))
                    .orElseThrow();
            var verification = ReceiptVerifier.verify(receipt.toDocument(), keys.publicKey());
            assertThat(verification.valid()).as(verification.toString()).isTrue();
            assertThat(TenantContext.callAs(tenant, () -> parts.receipts().chained(receipt)))
                    .as("the receipt's hash is in the audit chain")
                    .isTrue();
            assertThat(receiptCounts(receipt))
                    .as("the receipt of customer " + request.getValue() + "'s erasure: " + receipt.canonical())
                    .isEqualTo(expectedCounts(before, request.getValue()));
            assertThat(receipt.canonical()).doesNotContain(CrashShops.email(request.getValue()));
        }
        log("checked in " + elapsed() + ": " + REQUESTS + " requests completed, each customer deleted once in each"
                + " of " + SHOPS + " shops, receipts match and verify");
    }

    /**
     * The moment the random kills may miss, made certain: an attempt erased the subject in a shop and
     * died before the system was recorded DONE; the next attempt finds nothing left, yet the system's
     * report (what the receipt is made of) still says what was taken away.
     */
    @Test
    void anErasureAttemptAfterOneThatErasedAndDiedReportsWhatWasTakenAway() throws Exception {
        startedAt = System.nanoTime();
        ServiceEndpoints services = TestServices.endpoints();
        String run = UniqueNames.of("crash-retry");
        Path dir = Path.of("target", "crash-requests", run).toAbsolutePath();
        Files.createDirectories(dir);
        journal = dir.resolve("crash.log");
        CatalogTestDatabase catalog = CatalogTestDatabase.create("lethe_crash");
        DSLContext owner = catalog.owner();
        UUID tenant = new Tenants(owner).create(run, "Crash test").id();
        SharedKeys.create(dir.resolve("keys"));
        CrashSettings.Shop shop = CrashShops.create(catalog, tenant, 3, 5);
        Map<String, Long> records = CrashShops.records(shop, 2);
        CrashSettings settings = new CrashSettings(
                services.jdbcUrl(owner.fetchSingle("select current_database()").get(0, String.class)),
                services.postgresHost(),
                services.postgresPort(),
                services.postgresUser(),
                services.postgresPassword(),
                dir.resolve("keys"),
                services.elasticsearchUrl(),
                services.temporalTarget(),
                UniqueNames.of("crash-requests"),
                List.of(shop));
        CrashParts parts = CrashParts.open(settings);
        // The real activities, each call in an activity context of its own (as a worker runs them).
        var environment = io.temporal.testing.TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(
                parts.activities(settings, dev.lethe.workflows.request.RequestSignals.NONE));
        var activities = environment.newActivityStub(
                dev.lethe.workflows.run.RequestActivities.class,
                io.temporal.activity.ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(1))
                        .build());
        var management = new RequestManagement(
                parts.app(),
                parts.trail(),
                parts.keys().sealing(),
                new IdentityHashes(parts.vault()),
                Deadlines.DEFAULTS,
                dev.lethe.workflows.request.RequestSignals.NONE,
                Clock.systemUTC());
        UUID id = TenantContext.callAs(
                        tenant,
                        () -> management.file(
                                new Editor(tenant, Actor.apiKey("officer")),
                                new NewRequest(
                                        RequestType.ERASURE,
                                        Identities.of("email", CrashShops.email(2)),
                                        "GDPR",
                                        Channel.API,
                                        null,
                                        null)))
                .id();
        RequestRef ref = new RequestRef(tenant, id);
        activities.scope(ref);

        activities.runSystem(ref, shop.connectionId());
        // as if that attempt had died just before recording the system DONE
        owner.update(REQUEST_SYSTEM)
                .set(REQUEST_SYSTEM.STATE, "RUNNING")
                .where(REQUEST_SYSTEM.REQUEST_ID.eq(id))
                .execute();
        activities.runSystem(ref, shop.connectionId());

        assertThat(CrashShops.records(shop, 2).values()).containsOnly(0L);
        assertThat(CrashShops.count(shop, "select count(*) from deleted_log where customer_id = 2"))
                .isEqualTo(1);
        Map<String, Long> reported = new TreeMap<>();
        JsonNode outcome = JSON.readTree(owner.select(REQUEST_SYSTEM.OUTCOME)
                .from(REQUEST_SYSTEM)
                .where(REQUEST_SYSTEM.REQUEST_ID.eq(id))
                .fetchSingle(REQUEST_SYSTEM.OUTCOME)
                .data());
        outcome.get("erased")
                .forEach(erased -> reported.put(
                        erased.get("dataset").asString(), erased.get("records").asLong()));
        assertThat(reported).isEqualTo(new TreeMap<>(records));
        environment.close();
    }

    private void approve(RequestManagement management, Editor secondOfficer, UUID id) {
        try {
            TenantContext.runAs(
                    secondOfficer.tenantId(), () -> management.approve(secondOfficer, id, "identity checked"));
        } catch (ConflictException raced) {
            log("approval of " + id + " refused: " + raced.getMessage());
        }
    }

    /** As when the embedded Temporal server stops: the unfinished workflows are gone. */
    private void forget(WorkflowClient client, Map<UUID, RequestStatus> statuses) {
        int forgotten = 0;
        for (Map.Entry<UUID, RequestStatus> request : statuses.entrySet()) {
            if (request.getValue().closed()) {
                continue;
            }
            try {
                client.newUntypedWorkflowStub(request.getKey().toString()).terminate("crash test: the server forgot");
                forgotten++;
            } catch (WorkflowNotFoundException closedMeanwhile) {
                // completed between reading its status and now
            }
        }
        log("the Temporal server forgot " + forgotten + " unfinished workflows");
    }

    /** The application's start-up: every unfinished request started again, twice (it is idempotent). */
    private void reconcile(DSLContext owner, TemporalRequestSignals signals) {
        UnfinishedRequests unfinished = new UnfinishedRequests(owner);
        RequestReconciler reconciler = new RequestReconciler(signals);
        List<RequestRef> first = unfinished.list();
        int started = reconciler.reconcile(first);
        int again = reconciler.reconcile(unfinished.list());
        log("reconciler started " + started + " unfinished requests, then " + again + " again");
    }

    private static Map<UUID, RequestStatus> statuses(DSLContext owner, UUID tenant) {
        return owner.select(REQUEST.ID, REQUEST.STATUS)
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenant))
                .fetchMap(REQUEST.ID, row -> RequestStatus.valueOf(row.value2()));
    }

    /** What a stuck run was waiting for: the worker's threads and the database sessions. */
    private void diagnose(
            DSLContext owner,
            WorkerProcess worker,
            Path dir,
            WorkflowClient client,
            Map<UUID, RequestStatus> statuses) {
        StringBuilder workflows = new StringBuilder();
        statuses.forEach((id, status) -> {
            if (status.closed()) {
                return;
            }
            try {
                var described = client.getWorkflowServiceStubs()
                        .blockingStub()
                        .describeWorkflowExecution(
                                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                                        .setNamespace(client.getOptions().getNamespace())
                                        .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                                .setWorkflowId(id.toString()))
                                        .build());
                workflows
                        .append("== ")
                        .append(id)
                        .append(' ')
                        .append(status)
                        .append('\n')
                        .append(described);
            } catch (RuntimeException e) {
                workflows
                        .append("== ")
                        .append(id)
                        .append(' ')
                        .append(status)
                        .append(": ")
                        .append(e)
                        .append('\n');
            }
        });
        try {
            Files.writeString(dir.resolve("stuck-workflows.txt"), workflows);
            new ProcessBuilder("jcmd", Long.toString(worker.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stuck-threads.txt").toFile())
                    .start()
                    .waitFor();
            Files.writeString(
                    dir.resolve("stuck-sessions.txt"),
                    owner.fetch("select pid, datname, usename, state, wait_event_type, wait_event, xact_start,"
                                    + " left(query, 200) as query from pg_stat_activity order by datname")
                            .format(500));
        } catch (IOException | InterruptedException e) {
            log("no diagnosis: " + e);
        }
    }

    private static Map<String, Integer> systemStates(DSLContext owner, UUID tenant) {
        return owner.select(REQUEST_SYSTEM.STATE, DSL.count())
                .from(REQUEST_SYSTEM)
                .where(REQUEST_SYSTEM.TENANT_ID.eq(tenant))
                .groupBy(REQUEST_SYSTEM.STATE)
                .orderBy(REQUEST_SYSTEM.STATE)
                .fetchMap(REQUEST_SYSTEM.STATE, DSL.count());
    }

    private static Map<RequestStatus, Long> histogram(Map<UUID, RequestStatus> statuses) {
        return statuses.values().stream()
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }

    private static Map<Long, Long> deletions(CrashSettings.Shop shop) throws java.sql.SQLException {
        Map<Long, Long> deletions = new TreeMap<>();
        for (long customer = 1; customer <= CUSTOMERS; customer++) {
            long times = CrashShops.count(shop, "select count(*) from deleted_log where customer_id = " + customer);
            if (times > 0) {
                deletions.put(customer, times);
            }
        }
        return deletions;
    }

    /** Per shop and dataset: found, erased and remaining as the receipt states them. */
    private static Map<String, Map<String, List<Long>>> receiptCounts(SignedReceipt receipt) {
        JsonNode root = JSON.readTree(receipt.canonical());
        Map<String, Map<String, List<Long>>> counts = new TreeMap<>();
        for (JsonNode system : root.get("systems")) {
            Map<String, List<Long>> datasets = new TreeMap<>();
            for (JsonNode dataset : system.get("datasets")) {
                datasets.put(
                        dataset.get("dataset").asString(),
                        List.of(
                                dataset.get("found").asLong(),
                                dataset.get("erased").asLong(),
                                dataset.get("remaining").isNull()
                                        ? -1
                                        : dataset.get("remaining").asLong()));
            }
            assertThat(system.get("exceptions")).as("exceptions in " + system).isEmpty();
            counts.put(system.get("system").asString(), datasets);
        }
        return counts;
    }

    /** What the receipt must say: every record of the customer found and erased, nothing remaining. */
    private static Map<String, Map<String, List<Long>>> expectedCounts(
            Map<String, Map<Long, Map<String, Long>>> before, long customer) {
        Map<String, Map<String, List<Long>>> expected = new TreeMap<>();
        before.forEach((shop, customers) -> {
            Map<String, List<Long>> datasets = new TreeMap<>();
            customers.get(customer).forEach((dataset, records) -> datasets.put(dataset, List.of(records, records, 0L)));
            expected.put(shop, datasets);
        });
        return expected;
    }

    private String elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt).toMillis() + " ms";
    }

    private void log(String line) {
        try {
            Files.writeString(
                    journal,
                    Instant.now() + " [+" + elapsed() + "] " + line + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
