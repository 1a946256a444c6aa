package dev.lethe.workflows.request;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request store and the officers' actions on the real PostgreSQL, as the production role under
 * row-level security: sealed subjects, tenant isolation, four-eyes, the one extension, systems retried
 * and skipped, and duplicate linking with its abuse cases.
 */
class RequestStoreIT {

    private static final String EMAIL = "ann.subject@example.com";
    private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");

    private static DSLContext owner;
    private static RequestStore store;
    private static RequestManagement management;
    private static SubjectRestrictions restrictions;
    private static IdentityHashes identityHashes;
    private static final List<String> SIGNALS = new CopyOnWriteArrayList<>();

    private UUID tenant;
    private Editor filer;
    private Editor approver;

    @BeforeAll
    static void database() throws Exception {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_requests");
        owner = database.owner();
        DSLContext app = database.app();
        AuditTrail trail = new AuditTrail(app, NO_CHECKPOINTS, 1_000_000);
        var vault = new VaultBuilder()
                .kms(LocalKms.open(
                        Files.createTempDirectory("lethe-requests-it").resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(NO_VAULT_AUDIT)
                .build();
        RequestSignals signals = new RequestSignals() {
            @Override
            public void started(UUID tenantId, UUID requestId) {
                SIGNALS.add("started " + requestId);
            }

            @Override
            public void changed(UUID tenantId, UUID requestId) {
                SIGNALS.add("changed " + requestId);
            }
        };
        TestSealing sealing = new TestSealing();
        identityHashes = new IdentityHashes(vault);
        restrictions = new SubjectRestrictions(app, trail);
        store = new RequestStore(app, trail, sealing, signals);
        management = new RequestManagement(
                app, trail, sealing, identityHashes, Deadlines.DEFAULTS, signals, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void tenantWithOfficers() {
        tenant = new Tenants(owner).create(UniqueNames.of("req"), "Requests").id();
        filer = new Editor(tenant, Actor.apiKey("officer-1"));
        approver = new Editor(tenant, Actor.apiKey("officer-2"));
    }

    @Test
    void aFiledRequestKeepsItsSubjectOnlySealedAndTheLedgerOpensIt() {
        var filed = as(() -> management.file(filer, erasure(EMAIL)));

        assertThat(filed.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(filed.dueAt())
                .as("one calendar month, clamped to February")
                .isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(SIGNALS).contains("started " + filed.id());
        var row = owner.selectFrom(REQUEST).where(REQUEST.ID.eq(filed.id())).fetchSingle();
        assertThat(new String(row.getSubject(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(EMAIL);
        assertThat(row.getIdentityTypes()).containsExactly("email");
        assertThat(String.join(",", row.getIdentityHashes()))
                .doesNotContain("ann")
                .hasSize(64);
        assertThat(row.formatJSON()).doesNotContain(EMAIL);
        assertThat(as(() -> store.identities(tenant, filed.id())).values()).containsEntry("email", EMAIL);
        RequestSnapshot snapshot = as(() -> store.snapshot(tenant, filed.id()));
        assertThat(snapshot.type()).isEqualTo(RequestType.ERASURE);
        assertThat(snapshot.regulation()).isEqualTo("GDPR");
        assertThat(snapshot.receivedAt()).isEqualTo(NOW);
        assertThat(auditOfTenant()).contains("request.filed").doesNotContain(EMAIL);
    }

    @Test
    void anotherTenantSeesNoneOfItEvenByItsId() {
        var filed = as(() -> management.file(filer, erasure(EMAIL)));
        UUID other =
                new Tenants(owner).create(UniqueNames.of("req-other"), "Other").id();

        // The query names the first tenant; row-level security answers for the connection's tenant only.
        assertThat(TenantContext.callAs(other, () -> management.find(tenant, filed.id())))
                .isEmpty();
        assertThat(TenantContext.callAs(other, () -> management.list(tenant, RequestFilter.ALL, PageRequest.of(0, 10))))
                .isEmpty();
        assertThat(TenantContext.callAs(other, () -> management.find(other, filed.id())))
                .isEmpty();
        assertThat(as(() -> management.find(tenant, filed.id()))).isPresent();
    }

    @Test
    void anErasureIsApprovedByAnotherPrincipalThanItsFiler() {
        UUID id = awaitingApproval(erasure(EMAIL));

        assertThatThrownBy(() -> as(() -> management.approve(filer, id, "looks right")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("Four-eyes");
        RequestDetail approved = as(() -> management.approve(approver, id, "checked the plan"));
        RequestDetail again = as(() -> management.approve(approver, id, "checked the plan"));

        assertThat(approved.request().status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(approved.decisions().approvedBy()).isEqualTo("api_key:officer-2");
        assertThat(again.revision()).as("a repeated approval changes nothing").isEqualTo(approved.revision());
        assertThat(approved.timeline())
                .extracting(RequestDetail.TimelineEntry::kind)
                .contains("request.approved");
        assertThat(auditOfTenant()).doesNotContain("checked the plan");
    }

    @Test
    void anAccessRequestMayBeApprovedByItsFilerButDeniedOnlyWhileAwaitingApproval() {
        UUID access = awaitingApproval(
                new NewRequest(RequestType.ACCESS, Identities.of("email", EMAIL), "GDPR", null, null, null));
        UUID received =
                as(() -> management.file(filer, erasure("other@example.com")).id());

        assertThatThrownBy(() -> as(() -> management.deny(approver, received, "no")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> as(() -> management.deny(approver, access, " ")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(as(() -> management.approve(filer, access, null)).request().status())
                .isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void aRequestIsExtendedOnceByItsRegulationsExtension() {
        UUID id = as(() -> management.file(filer, erasure(EMAIL)).id());
        UUID lgpd = as(() -> management
                .file(
                        filer,
                        new NewRequest(RequestType.ACCESS, Identities.of("email", EMAIL), "LGPD", null, null, null))
                .id());

        RequestDetail extended = as(() -> management.extend(filer, id, "complex request across 14 systems"));

        assertThat(extended.request().extended()).isTrue();
        assertThat(extended.request().dueAt()).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
        assertThat(extended.decisions().extensionReason()).isEqualTo("complex request across 14 systems");
        assertThatThrownBy(() -> as(() -> management.extend(filer, id, "again")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("once");
        assertThatThrownBy(() -> as(() -> management.extend(filer, lgpd, "please")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("LGPD");
        assertThatThrownBy(() -> as(() -> management.file(
                        filer,
                        new NewRequest(RequestType.ACCESS, Identities.of("email", EMAIL), "HIPAA", null, null, null))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theLedgerMovesOnlyAlongTheLifecycleAndIsIdempotent() {
        UUID id = as(() -> management.file(filer, erasure(EMAIL)).id());

        assertThat(as(() -> store.transition(tenant, id, RequestStatus.AWAITING_APPROVAL, "scoped")))
                .isTrue();
        assertThat(as(() -> store.transition(tenant, id, RequestStatus.AWAITING_APPROVAL, "scoped")))
                .isFalse();
        assertThatThrownBy(() -> as(() -> store.transition(tenant, id, RequestStatus.COMPLETED, null)))
                .isInstanceOf(IllegalStateException.class);
        as(() -> management.cancel(filer, id, "the subject withdrew"));
        assertThatThrownBy(() -> as(() -> store.transition(tenant, id, RequestStatus.APPROVED, null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(as(() -> management.find(tenant, id)).orElseThrow().request().closedAt())
                .isNotNull();
    }

    @Test
    void systemsArePlannedRecordedRetriedAndSkipped() {
        UUID id = awaitingApproval(erasure(EMAIL));
        UUID crm = UUID.randomUUID();
        UUID shop = UUID.randomUUID();
        as(() -> store.recordPlan(tenant, id, crm, "{\"deletes\":[\"crm.contacts\"]}"));
        var failed = new SystemProgress(crm, null, "crm", "postgresql", SystemState.FAILED, 3, "timeout", null, 2);
        as(() -> store.recordSystem(tenant, id, failed));
        as(() -> store.recordSystem(tenant, id, failed));
        as(() -> store.recordSystem(
                tenant,
                id,
                new SystemProgress(shop, null, "shop", "webhook", SystemState.WAITING, -1, null, "op-1", 1)));
        as(() -> store.recordEvent(tenant, id, "request.reminder", Map.of("daysLeft", "7")));
        as(() -> store.recordEvent(tenant, id, "request.reminder", Map.of("daysLeft", "7")));

        assertThat(as(() -> store.plan(tenant, id, crm)))
                .hasValueSatisfying(plan -> assertThat(plan).contains("crm.contacts"));
        assertThat(as(() -> store.plan(tenant, id, shop))).isEmpty();
        RequestDetail retried = as(() -> management.retrySystem(approver, id, crm));
        RequestDetail skipped = as(() -> management.skipSystem(approver, id, shop, "decommissioned last week"));

        assertThat(retried.systems())
                .filteredOn(s -> s.progress().connectionId().equals(crm))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.progress().state()).isEqualTo(SystemState.PENDING);
                    assertThat(s.planJson()).contains("crm.contacts");
                    assertThat(s.progress().found()).isEqualTo(3);
                    assertThat(s.progress().attempts())
                            .as("the retry counts: a workflow waiting on the system sees it by the count")
                            .isEqualTo(3);
                });
        assertThat(skipped.systems())
                .filteredOn(s -> s.progress().connectionId().equals(shop))
                .singleElement()
                .satisfies(s -> assertThat(s.progress().state()).isEqualTo(SystemState.SKIPPED));
        assertThat(skipped.revision()).isGreaterThan(retried.revision());
        assertThat(skipped.timeline())
                .extracting(RequestDetail.TimelineEntry::kind)
                .containsSubsequence(
                        "request.system_state",
                        "request.system_state",
                        "request.reminder",
                        "request.system_retried",
                        "request.system_skipped")
                .filteredOn("request.reminder"::equals)
                .hasSize(1);
        assertThat(skipped.timeline())
                .filteredOn(e -> e.kind().equals("request.system_state"))
                .hasSize(2);
        assertThat(SIGNALS).contains("changed " + id);
        assertThatThrownBy(() -> as(() -> management.retrySystem(approver, id, shop)))
                .isInstanceOf(ConflictException.class);

        // The step on the shop was in flight when the officer skipped it: its late failure changes nothing.
        as(() -> store.recordSystem(
                tenant,
                id,
                new SystemProgress(shop, null, "shop", "webhook", SystemState.FAILED, -1, "timeout", null, 2)));
        assertThat(as(() -> management.find(tenant, id)).orElseThrow().systems())
                .filteredOn(s -> s.progress().connectionId().equals(shop))
                .singleElement()
                .satisfies(s -> assertThat(s.progress().state()).isEqualTo(SystemState.SKIPPED));
        assertThatThrownBy(() -> as(() -> management.retrySystem(approver, id, shop)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aDuplicateIsLinkedToTheOpenOriginalAndUnlinkedWhenThatIsCanceled() {
        UUID original = as(() -> management.file(filer, erasure(EMAIL)).id());

        var duplicate = as(() -> management.file(approver, erasure("  Ann.Subject@EXAMPLE.com ")));
        var otherType = as(() -> management.file(
                approver, new NewRequest(RequestType.ACCESS, Identities.of("email", EMAIL), "GDPR", null, null, null)));
        var moreIdentities = as(() -> management.file(
                approver,
                new NewRequest(
                        RequestType.ERASURE,
                        new Identities(Map.of("email", EMAIL, "phone", "+49 151 1")),
                        "GDPR",
                        null,
                        null,
                        null)));

        assertThat(duplicate.linkedTo()).isEqualTo(original);
        assertThat(otherType.linkedTo()).isNull();
        assertThat(moreIdentities.linkedTo()).isNull();

        as(() -> management.cancel(filer, original, "filed by mistake"));

        RequestDetail freed = as(() -> management.find(tenant, duplicate.id())).orElseThrow();
        assertThat(freed.request().linkedTo()).isNull();
        assertThat(freed.timeline())
                .extracting(RequestDetail.TimelineEntry::kind)
                .contains("request.unlinked");
        assertThat(SIGNALS).contains("changed " + duplicate.id());
        assertThat(as(() -> management.file(filer, erasure(EMAIL))).linkedTo())
                .as("the next duplicate follows the open one that is left")
                .isEqualTo(duplicate.id());
    }

    @Test
    void anOriginalThatCompletesWakesItsDuplicates() {
        UUID original = awaitingApproval(erasure(EMAIL));
        var filed = as(() -> management.file(approver, erasure(EMAIL)));
        UUID duplicate = filed.id();
        assertThat(filed.linkedTo()).isEqualTo(original);
        as(() -> management.approve(approver, original, "checked the plan"));
        as(() -> store.transition(tenant, original, RequestStatus.IN_PROGRESS, null));
        as(() -> store.transition(tenant, original, RequestStatus.VERIFYING, null));
        SIGNALS.remove("changed " + duplicate);

        as(() -> store.transition(tenant, original, RequestStatus.COMPLETED, "verified"));

        assertThat(SIGNALS)
                .as("the duplicate closes with it, not at its next recheck")
                .contains("changed " + duplicate);
        assertThat(as(() -> store.transition(tenant, duplicate, RequestStatus.COMPLETED, "answered")))
                .isTrue();
    }

    @Test
    void anUnverifiedPortalRequestHasNoWorkflowAndIsNotListedUntilVerified() {
        var portal = as(() -> management.file(
                filer,
                new NewRequest(RequestType.ACCESS, Identities.of("email", EMAIL), "GDPR", Channel.PORTAL, null, null)));
        var expiring = as(() -> management.file(
                filer,
                new NewRequest(RequestType.ACCESS, Identities.of("email", EMAIL), "GDPR", Channel.PORTAL, null, null)));

        assertThat(SIGNALS).doesNotContain("started " + portal.id(), "started " + expiring.id());
        assertThat(as(() -> management.list(tenant, RequestFilter.ALL, PageRequest.of(0, 1000))))
                .extracting(RequestSummary::id)
                .doesNotContain(portal.id(), expiring.id());
        assertThat(as(() -> management.list(
                        tenant,
                        new RequestFilter(RequestStatus.IDENTITY_UNVERIFIED, null, null),
                        PageRequest.of(0, 1000))))
                .extracting(RequestSummary::id)
                .contains(portal.id(), expiring.id());

        var verified = as(() -> management.verifyIdentity(filer, portal.id(), Map.of("authorizedAgent", "true")));
        assertThat(verified.request().status()).isEqualTo(RequestStatus.VERIFIED);
        assertThat(verified.timeline())
                .extracting(RequestDetail.TimelineEntry::kind)
                .contains("request.identity_verified");
        assertThat(SIGNALS).contains("started " + portal.id());
        assertThat(as(() -> management.list(tenant, RequestFilter.ALL, PageRequest.of(0, 1000))))
                .extracting(RequestSummary::id)
                .contains(portal.id());

        assertThat(as(() -> management.expireUnverified(filer, expiring.id()))).isTrue();
        assertThat(as(() -> management.expireUnverified(filer, expiring.id()))).isFalse();
        assertThat(as(() -> management.expireUnverified(filer, portal.id())))
                .as("a verified request does not expire")
                .isFalse();
        assertThat(as(() -> management.find(tenant, expiring.id()))
                        .orElseThrow()
                        .request()
                        .status())
                .isEqualTo(RequestStatus.CANCELED);
        assertThat(as(() -> management.list(tenant, RequestFilter.ALL, PageRequest.of(0, 1000))))
                .as("expired unverified, it never reaches the officers' list")
                .extracting(RequestSummary::id)
                .doesNotContain(expiring.id());
        assertThat(as(() -> management.list(
                        tenant, new RequestFilter(RequestStatus.CANCELED, null, null), PageRequest.of(0, 1000))))
                .extracting(RequestSummary::id)
                .contains(expiring.id());
    }

    @Test
    void anUnverifiedPortalRequestFiledFirstBlocksNobody() {
        var portal = as(() -> management.file(
                filer,
                new NewRequest(
                        RequestType.ERASURE, Identities.of("email", EMAIL), "GDPR", Channel.PORTAL, null, null)));
        var real = as(() -> management.file(filer, erasure(EMAIL)));
        var portalAfter = as(() -> management.file(
                filer,
                new NewRequest(
                        RequestType.ERASURE, Identities.of("email", EMAIL), "GDPR", Channel.PORTAL, null, null)));

        assertThat(portal.status()).isEqualTo(RequestStatus.IDENTITY_UNVERIFIED);
        assertThat(real.linkedTo()).as("never linked to an unverified request").isNull();
        assertThat(portalAfter.linkedTo())
                .as("an unverified request never follows a real one")
                .isNull();

        // A denied original frees its followers too.
        UUID follower = as(() -> management.file(approver, erasure(EMAIL)).id());
        assertThat(as(() -> management.find(tenant, follower))
                        .orElseThrow()
                        .request()
                        .linkedTo())
                .isEqualTo(real.id());
        as(() -> store.transition(tenant, real.id(), RequestStatus.AWAITING_APPROVAL, null));
        as(() -> management.deny(approver, real.id(), "no such customer"));
        assertThat(as(() -> management.find(tenant, follower))
                        .orElseThrow()
                        .request()
                        .linkedTo())
                .isNull();
    }

    @Test
    void aPortalRequestIsLinkedToAnOpenDuplicateOnlyOnceItsIdentityIsVerified() {
        var unverified = as(() -> management.file(filer, portalErasure()));
        var earlier = as(() -> management.file(filer, portalErasure()));

        var first = as(() -> management.verifyIdentity(filer, earlier.id(), Map.of()));
        assertThat(first.request().linkedTo())
                .as("nothing to follow: the other one waits for its code")
                .isNull();

        var later = as(() -> management.file(filer, portalErasure()));
        assertThat(later.linkedTo()).as("unverified: not linked yet").isNull();
        var second = as(() -> management.verifyIdentity(filer, later.id(), Map.of()));
        assertThat(second.request().linkedTo()).isEqualTo(earlier.id());
        assertThat(second.timeline())
                .anySatisfy(entry -> assertThat(entry.toString())
                        .contains("request.identity_verified")
                        .contains(earlier.id().toString()));

        var original =
                as(() -> management.find(tenant, earlier.id())).orElseThrow().request();
        assertThat(original.linkedTo()).isNull();
        assertThat(original.status()).isEqualTo(RequestStatus.VERIFIED);
        var other =
                as(() -> management.find(tenant, unverified.id())).orElseThrow().request();
        assertThat(other.linkedTo()).isNull();
        assertThat(other.status()).isEqualTo(RequestStatus.IDENTITY_UNVERIFIED);
    }

    private static NewRequest portalErasure() {
        return new NewRequest(RequestType.ERASURE, Identities.of("email", EMAIL), "GDPR", Channel.PORTAL, null, null);
    }

    @Test
    void aHeldRequestReturnsToItsStatusOnRelease() {
        UUID id = awaitingApproval(erasure(EMAIL));

        assertThat(as(() -> management.hold(filer, id, "litigation hold 2026-7"))
                        .request()
                        .status())
                .isEqualTo(RequestStatus.ON_HOLD);
        assertThatThrownBy(() -> as(() -> management.approve(approver, id, null)))
                .isInstanceOf(ConflictException.class);
        assertThat(as(() -> management.release(filer, id)).request().status())
                .isEqualTo(RequestStatus.AWAITING_APPROVAL);
        assertThatThrownBy(() -> as(() -> management.release(filer, id))).isInstanceOf(ConflictException.class);
        as(() -> store.transition(tenant, id, RequestStatus.ON_HOLD, "held by the workflow's caller"));
        RequestDetail canceled = as(() -> management.cancel(filer, id, "the hold ends the matter"));
        assertThat(canceled.request().status()).isEqualTo(RequestStatus.CANCELED);
    }

    @Test
    void listsFilterAndSortByDueDate() {
        UUID gdpr = as(() -> management.file(filer, erasure("a@example.com")).id());
        UUID lgpd = as(() -> management
                .file(
                        filer,
                        new NewRequest(
                                RequestType.ACCESS, Identities.of("email", "b@example.com"), "LGPD", null, null, null))
                .id());

        assertThat(as(() -> management.list(tenant, RequestFilter.ALL, PageRequest.of(0, 10))))
                .extracting(RequestSummary::id)
                .containsExactly(lgpd, gdpr);
        assertThat(as(() -> management.list(
                        tenant, new RequestFilter(null, RequestType.ERASURE, null), PageRequest.of(0, 10))))
                .extracting(RequestSummary::id)
                .containsExactly(gdpr);
        assertThat(as(() -> management.list(
                        tenant,
                        new RequestFilter(RequestStatus.RECEIVED, null, Instant.parse("2026-02-20T00:00:00Z")),
                        PageRequest.of(0, 10))))
                .extracting(RequestSummary::id)
                .containsExactly(lgpd);
        assertThat(as(() -> management.list(tenant, RequestFilter.ALL, PageRequest.of(1, 1))))
                .extracting(RequestSummary::id)
                .containsExactly(gdpr);
    }

    @Test
    void restrictionsAndObjectionsAreRecordedOnceBySubjectHashOnly() {
        UUID restriction = as(() -> management
                .file(
                        filer,
                        new NewRequest(
                                RequestType.RESTRICTION, Identities.of("email", EMAIL), "GDPR", null, null, null))
                .id());
        UUID objection = as(() -> management
                .file(
                        filer,
                        new NewRequest(
                                RequestType.OBJECTION, Identities.of("email", EMAIL), "GDPR", null, null, "marketing"))
                .id());
        var subject = List.of(identityHashes.of(tenant, "email", " ANN.subject@example.com"));
        var stranger = List.of(identityHashes.of(tenant, "email", "someone@example.com"));

        as(() -> restrictions.restrict(tenant, restriction));
        as(() -> restrictions.restrict(tenant, restriction));
        String purpose = as(() -> store.subject(tenant, objection)).purpose();
        as(() -> restrictions.object(tenant, objection, purpose));

        assertThat(purpose).isEqualTo("marketing");
        assertThat(as(() -> restrictions.restricted(tenant, subject))).isTrue();
        assertThat(as(() -> restrictions.restricted(tenant, stranger))).isFalse();
        assertThat(as(() -> restrictions.objectedPurposes(tenant, subject))).containsExactly("marketing");
        assertThat(owner.fetchCount(owner.selectFrom(dev.lethe.catalog.jooq.Tables.SUBJECT_RESTRICTION)
                        .where(dev.lethe.catalog.jooq.Tables.SUBJECT_RESTRICTION.TENANT_ID.eq(tenant))))
                .isEqualTo(1);
        assertThat(auditOfTenant())
                .contains("request.restriction_recorded", "request.objection_recorded")
                .doesNotContain(EMAIL);
        String sealedRow = owner.selectFrom(REQUEST)
                .where(REQUEST.ID.eq(objection))
                .fetchSingle()
                .formatJSON();
        assertThat(sealedRow).doesNotContain("marketing");

        as(() -> restrictions.lift(tenant, restriction));
        assertThat(as(() -> restrictions.restricted(tenant, subject))).isFalse();
    }

    private UUID awaitingApproval(NewRequest request) {
        UUID id = as(() -> management.file(filer, request).id());
        as(() -> store.transition(tenant, id, RequestStatus.AWAITING_APPROVAL, "scoped"));
        return id;
    }

    @Test
    void recipientsAreRecordedOnceToldByOneTaskSettledOnceAndInvisibleToOtherTenants() {
        var filed = as(() -> management.file(filer, erasure(EMAIL)));
        RequestRecipients recipients = store.recipients();
        UUID flow = UUID.randomUUID();
        var found = List.of(new RequestRecipients.Found("Mailer GmbH", List.of(flow), null));
        as(() -> recipients.record(tenant, filed.id(), found));
        as(() -> recipients.record(tenant, filed.id(), found));
        List<RequestRecipients.Recipient> recorded = as(() -> recipients.list(tenant, filed.id()));
        assertThat(recorded).hasSize(1);
        RequestRecipients.Recipient mailer = recorded.get(0);
        assertThat(mailer.state()).isEqualTo(RequestRecipients.State.PENDING);
        assertThat(mailer.via()).isEqualTo(RequestRecipients.Via.TASK);
        assertThat(mailer.flows()).containsExactly(flow);

        String operation = "request:" + filed.id();
        as(() ->
                recipients.openTask(tenant, filed.id(), mailer.id(), operation, "Tell Mailer GmbH", "PRIVACY_OFFICER"));
        as(() ->
                recipients.openTask(tenant, filed.id(), mailer.id(), operation, "Tell Mailer GmbH", "PRIVACY_OFFICER"));
        RequestRecipients.Recipient told =
                as(() -> recipients.list(tenant, filed.id())).get(0);
        assertThat(told.state()).isEqualTo(RequestRecipients.State.NOTIFIED);
        assertThat(told.taskId()).isNotNull();
        assertThat(owner.fetchCount(
                        dev.lethe.catalog.jooq.Tables.PENDING_OPERATION,
                        dev.lethe.catalog.jooq.Tables.PENDING_OPERATION.TENANT_ID.eq(tenant)))
                .as("one task, however often it is opened")
                .isEqualTo(1);
        assertThat(as(() -> recipients.taskCompletedBy(tenant, told.taskId()))).isNull();

        UUID stranger =
                new Tenants(owner).create(UniqueNames.of("req-other"), "Other").id();
        assertThat(TenantContext.callAs(stranger, () -> recipients.list(stranger, filed.id())))
                .isEmpty();
        assertThatThrownBy(() -> TenantContext.runAs(
                        stranger,
                        () -> management.waiveRecipient(
                                new Editor(stranger, Actor.apiKey("x")), filed.id(), mailer.id(), "not theirs")))
                .isInstanceOf(dev.lethe.catalog.change.NotFoundException.class);

        assertThatThrownBy(() -> as(() -> management.waiveRecipient(filer, filed.id(), mailer.id(), " ")))
                .isInstanceOf(InvalidInputException.class);
        RequestDetail waived =
                as(() -> management.waiveRecipient(filer, filed.id(), mailer.id(), "The mailer closed in 2025"));
        RequestDetail again = as(() -> management.waiveRecipient(filer, filed.id(), mailer.id(), "again"));
        assertThat(waived.recipients().get(0).state()).isEqualTo(RequestRecipients.State.WAIVED);
        assertThat(again.recipients().get(0).reason()).isEqualTo("The mailer closed in 2025");
        assertThat(again.timeline().stream()
                        .filter(entry -> entry.kind().equals("request.recipient_waived"))
                        .count())
                .as("waived once")
                .isEqualTo(1);
        assertThat(as(() -> recipients.settle(
                        tenant,
                        filed.id(),
                        mailer.id(),
                        RequestRecipients.State.ACKNOWLEDGED,
                        null,
                        RequestStore.WORKFLOW,
                        "late")))
                .as("a settled recipient stays as it is")
                .isFalse();
        assertThat(auditOfTenant()).contains("request.recipient_waived").doesNotContain("closed in 2025");
    }

    private static NewRequest erasure(String email) {
        return new NewRequest(RequestType.ERASURE, Identities.of("email", email), "GDPR", Channel.API, null, null);
    }

    private String auditOfTenant() {
        return owner.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                .fetch()
                .formatJSON();
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
}
