package dev.lethe.workflows.packages;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.PACKAGE_LINK;
import static dev.lethe.catalog.jooq.Tables.REQUEST_PACKAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.dataset.DatasetDraft;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.flow.FlowDraft;
import dev.lethe.catalog.processing.ActivityDraft;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.retention.RetentionDraft;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.workflows.packages.PackageLinks.Redemption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages and their download links on the real PostgreSQL as the application's role under row-level
 * security, with the encrypted local store and the Art. 15(1) facts read from real catalog rows.
 */
@ExtendWith(LocalServicesExtension.class)
class RequestPackagesIT {

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

    private static CatalogTestDatabase database;
    private static DSLContext owner;
    private static DSLContext app;

    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T03:00:00Z"));
    private RequestPackages packages;
    private PackageLinks links;
    private CatalogFacts facts;
    private UUID tenant;
    private UUID otherTenant;
    private final UUID request = UUID.randomUUID();

    @BeforeAll
    static void databaseAndStore() throws SQLException {
        database = CatalogTestDatabase.create("lethe_packages");
        owner = database.owner();
        app = database.app();
    }

    @BeforeEach
    void tenantsAndCatalog() {
        var audit = new AuditTrail(app, NO_CHECKPOINTS, 1_000_000);
        var store =
                new EncryptedLocalPackageStore(dir.resolve("packages"), LocalKms.open(dir.resolve("kms/keyset.json")));
        packages = new RequestPackages(app, store, audit, clock);
        links = new PackageLinks(app, packages, audit, clock);
        var changes = database.changes();
        var taxonomy = new Taxonomy(app, changes);
        facts = new CatalogFacts(
                new DataSystems(app, changes),
                new Datasets(app, changes),
                new ProcessingActivities(app, changes, taxonomy),
                new DataFlows(app, changes, taxonomy),
                new RetentionPolicies(app, changes, taxonomy));
        tenant = new Tenants(owner)
                .create(UniqueNames.of("packages"), "Packages")
                .id();
        otherTenant = new Tenants(owner)
                .create(UniqueNames.of("packages-other"), "Other")
                .id();
        as(tenant, () -> {
            var editor = new Editor(tenant, Actor.apiKey("steward"));
            var shop = new DataSystems(app, changes)
                    .create(editor, new SystemDraft("shop", "The web shop", null, null, null, null));
            var orders = new Datasets(app, changes)
                    .create(editor, new DatasetDraft(shop.id(), "orders", "TABLE", null, null));
            new ProcessingActivities(app, changes, taxonomy)
                    .create(
                            editor,
                            new ActivityDraft(
                                    "Order fulfilment",
                                    null,
                                    "service_delivery",
                                    "CONTRACT",
                                    null,
                                    List.of(),
                                    List.of("contact"),
                                    List.of(),
                                    List.of(shop.id())));
            new DataFlows(app, changes, taxonomy)
                    .create(
                            editor,
                            new FlowDraft(
                                    "To the carrier",
                                    null,
                                    shop.id(),
                                    null,
                                    null,
                                    null,
                                    "Parcel & Co",
                                    List.of("contact"),
                                    "service_delivery",
                                    true,
                                    "US",
                                    "STANDARD_CONTRACTUAL_CLAUSES"));
            new RetentionPolicies(app, changes, taxonomy)
                    .create(
                            editor,
                            new RetentionDraft(
                                    "Orders", orders.id(), null, "P10Y", null, "created_at", null, null, null, null));
            return null;
        });
    }

    @Test
    void aPackageIsAssembledOnceStoredEncryptedAndOnlyItsTenantSeesIt() throws IOException {
        StoredPackage stored = assemble();

        assertThat(stored.sha256()).hasSize(64);
        assertThat(as(tenant, () -> packages.latest(tenant, request))).contains(stored);
        assertThat(as(otherTenant, () -> packages.latest(tenant, request))).isEmpty();
        assertThat(as(tenant, this::assemble))
                .as("assembling again returns the recorded package")
                .isEqualTo(stored);
        assertThat(as(tenant, () -> packages.parts().exists(tenant, request, "shop")))
                .isFalse();
        Map<String, String> files = unzip(stored);
        assertThat(files.get("shop/orders.json")).contains("ada@example.com");
        assertThat(files.get("report.html")).contains("Parcel &amp; Co", "service_delivery", "P10Y", "CONTRACT");
        assertThat(owner.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.ACTION.eq("request.package.assembled")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLinkDownloadsUntilItExpiresAndOnlyItsHashIsStored() {
        StoredPackage stored = assemble();
        var link = as(tenant, () -> links.issue(stored, Actor.apiKey("officer"), Duration.ofHours(1)));

        Redemption first = links.redeem(link.token());
        Redemption second = links.redeem(link.token());

        assertThat(first).isInstanceOf(Redemption.Found.class);
        assertThat(((Redemption.Found) second).stored()).isEqualTo(stored);
        var row = owner.selectFrom(PACKAGE_LINK)
                .where(PACKAGE_LINK.ID.eq(link.linkId()))
                .fetchOne();
        assertThat(row.getDownloads()).isEqualTo(2);
        assertThat(row.getTokenSha256())
                .isEqualTo(PackageLinks.hash(link.token()))
                .isNotEqualTo(link.token());
        assertThat(owner.select(AUDIT_ENTRY.DETAILS.cast(String.class))
                        .from(AUDIT_ENTRY)
                        .where(AUDIT_ENTRY.ACTION.eq("request.package.downloaded"))
                        .and(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                        .fetch(0, String.class))
                .hasSize(2)
                .allSatisfy(details -> assertThat(details)
                        .doesNotContain(link.token())
                        .contains(link.linkId().toString()));

        owner.update(PACKAGE_LINK)
                .set(PACKAGE_LINK.PURPOSE, "other-purpose")
                .where(PACKAGE_LINK.ID.eq(link.linkId()))
                .execute();
        assertThat(links.redeem(link.token()))
                .as("a link serves its one purpose")
                .isInstanceOf(Redemption.Unknown.class);
        owner.update(PACKAGE_LINK)
                .set(PACKAGE_LINK.PURPOSE, PackageLinks.DOWNLOAD)
                .where(PACKAGE_LINK.ID.eq(link.linkId()))
                .execute();

        clock.advance(Duration.ofHours(2));
        assertThat(links.redeem(link.token())).isInstanceOf(Redemption.Expired.class);
        assertThat(links.redeem("x".repeat(43))).isInstanceOf(Redemption.Unknown.class);
        assertThat(links.redeem("../../etc")).isInstanceOf(Redemption.Unknown.class);
    }

    @Test
    void twoRunsAssemblingAtOnceRecordOnePackage() throws Exception {
        as(
                tenant,
                () -> packages.parts().write(tenant, request, "shop", sink -> {
                    for (int i = 0; i < 2_000; i++) {
                        sink.accept("orders", Map.of("id", i, "email", "ada@example.com"));
                    }
                }));
        Callable<StoredPackage> run = () -> as(
                tenant,
                () -> packages.assemble(
                        tenant,
                        request,
                        "ACCESS",
                        List.of("shop"),
                        found -> facts.of(tenant, found),
                        Duration.ofDays(7)));
        try (var threads = Executors.newFixedThreadPool(2)) {
            Future<StoredPackage> one = threads.submit(run);
            Future<StoredPackage> two = threads.submit(run);
            StoredPackage first = one.get(60, TimeUnit.SECONDS);
            StoredPackage second;
            try {
                second = two.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // the other run may find its parts already gone with the first package recorded: a retry
                // then returns that package
                second = run.call();
            }
            assertThat(second.id()).isEqualTo(first.id());
        }
        assertThat(owner.fetchCount(REQUEST_PACKAGE, REQUEST_PACKAGE.REQUEST_ID.eq(request)))
                .isEqualTo(1);
        try (var files = Files.walk(dir.resolve("packages").resolve(tenant.toString()))) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
        }
    }

    @Test
    void anotherTenantCannotIssueALinkToAPackage() {
        StoredPackage stored = assemble();

        assertThatThrownBy(
                        () -> as(otherTenant, () -> links.issue(stored, Actor.apiKey("intruder"), Duration.ofHours(1))))
                .isInstanceOf(org.jooq.exception.DataAccessException.class);
        assertThat(owner.fetchCount(PACKAGE_LINK, PACKAGE_LINK.PACKAGE_ID.eq(stored.id())))
                .isZero();
    }

    @Test
    void expiredPackagesAreDeletedFromTheStoreAndMarkedInTheirRow() {
        StoredPackage stored = assemble();
        var link = as(tenant, () -> links.issue(stored, Actor.apiKey("officer"), Duration.ofDays(30)));
        clock.advance(Duration.ofDays(8));

        assertThat(as(otherTenant, () -> packages.deleteExpired(otherTenant))).isZero();
        assertThat(as(tenant, () -> packages.deleteExpired(tenant))).isEqualTo(1);
        assertThat(as(tenant, () -> packages.deleteExpired(tenant)))
                .as("a second run finds nothing")
                .isZero();

        assertThat(owner.selectFrom(REQUEST_PACKAGE)
                        .where(REQUEST_PACKAGE.ID.eq(stored.id()))
                        .fetchOne()
                        .getDeletedAt())
                .isNotNull();
        assertThat(as(tenant, () -> packages.latest(tenant, request))).isEmpty();
        assertThat(links.redeem(link.token())).isInstanceOf(Redemption.Expired.class);
    }

    private StoredPackage assemble() {
        return as(tenant, () -> {
            packages.parts()
                    .write(
                            tenant,
                            request,
                            "shop",
                            sink -> sink.accept("orders", Map.of("email", "ada@example.com", "total", 12)));
            return packages.assemble(
                    tenant, request, "ACCESS", List.of("shop"), found -> facts.of(tenant, found), Duration.ofDays(7));
        });
    }

    private Map<String, String> unzip(StoredPackage stored) throws IOException {
        var files = new java.util.LinkedHashMap<String, String>();
        try (InputStream in = as(tenant, () -> packages.open(stored));
                var zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static <T> T as(UUID tenantId, Supplier<T> work) {
        return TenantContext.callAs(tenantId, work);
    }
}
