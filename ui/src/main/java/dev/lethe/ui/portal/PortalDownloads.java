package dev.lethe.ui.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.jooq.tables.records.PortalRequestRecord;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.packages.StoredPackage;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.RequestType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The download of a completed access or export request's package on the portal. Holding the status link is
 * not enough: the person proves again that they control the request's e-mail address, by a fresh one-time
 * code mailed to it (6 digits, {@code lethe.portal.code-validity}, {@code lethe.portal.code-attempts} wrong
 * tries, kept as the vault's keyed hash in a hash domain of its own, so a verification code never opens a
 * download). The right code is the grant: it is cleared as it is used and the package streams in the answer
 * to that very request, so there is no download link to leak, forward or reuse. Every download is an audit
 * entry ({@code request.package.downloaded}, {@code via: portal}) naming the request and package, never the
 * person. Thread-safe.
 */
class PortalDownloads {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Set<RequestType> PACKAGED = Set.of(RequestType.ACCESS, RequestType.EXPORT);
    private static final Set<RequestStatus> DONE =
            Set.of(RequestStatus.COMPLETED, RequestStatus.COMPLETED_WITH_EXCEPTIONS);

    /** What a download code does. */
    sealed interface Redemption {
        /** The right code: stream this package (the code is used up). */
        record Granted(StoredPackage stored) implements Redemption {}

        /** A wrong code; the last allowed one uses the code up. */
        record Wrong() implements Redemption {}

        /** No code waits (none sent, past its validity, used up or used): a new one must be sent. */
        record Expired() implements Redemption {}
    }

    private final RequestPackages packages;
    private final RequestStore store;
    private final Vault vault;
    private final DSLContext dsl;
    private final AuditTrail audit;
    private final PortalMail mail;
    private final PortalProperties properties;
    private final Clock clock;

    PortalDownloads(
            RequestPackages packages,
            RequestStore store,
            Vault vault,
            DSLContext dsl,
            AuditTrail audit,
            PortalMail mail,
            PortalProperties properties,
            Clock clock) {
        this.packages = packages;
        this.store = store;
        this.vault = vault;
        this.dsl = dsl;
        this.audit = audit;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Whether the status token names a verified, completed access or export request of the tenant whose
     * package is still kept: only then is a download offered.
     */
    boolean offered(Tenant tenant, String token) {
        return row(tenant, token).flatMap(row -> stored(tenant, row)).isPresent();
    }

    /**
     * Mails a new download code to the request's e-mail address (earlier ones stop working); false when no
     * download is offered. {@code limit} is given the address before anything changes, and throws to refuse.
     */
    boolean sendCode(
            Tenant tenant, String token, String baseUrl, Locale locale, String organisation, Consumer<String> limit) {
        Optional<PortalRequestRecord> offered =
                row(tenant, token).filter(row -> stored(tenant, row).isPresent());
        if (offered.isEmpty()) {
            return false;
        }
        UUID requestId = offered.get().getRequestId();
        String email = TenantContext.callAs(tenant.id(), () -> store.identities(tenant.id(), requestId))
                .get("email")
                .orElseThrow();
        limit.accept(email);
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        String link = PortalRequests.token();
        TenantContext.runAs(
                tenant.id(),
                () -> dsl.update(PORTAL_REQUEST)
                        .set(PORTAL_REQUEST.DOWNLOAD_CODE_HASH, codeHash(tenant.id(), requestId, code))
                        .set(
                                PORTAL_REQUEST.DOWNLOAD_CODE_EXPIRES_AT,
                                time(clock.instant().plus(properties.codeValidity())))
                        .set(PORTAL_REQUEST.DOWNLOAD_LINK_HASH, PortalRequests.sha256(link))
                        .set(PORTAL_REQUEST.DOWNLOAD_CODE_ATTEMPTS, 0)
                        .set(PORTAL_REQUEST.DOWNLOAD_CODES_SENT, PORTAL_REQUEST.DOWNLOAD_CODES_SENT.plus(1))
                        .where(PORTAL_REQUEST.TENANT_ID.eq(tenant.id()))
                        .and(PORTAL_REQUEST.REQUEST_ID.eq(requestId))
                        .execute());
        mail.sendDownloadCode(
                email,
                organisation,
                code,
                properties.codeValidity().toMinutes(),
                baseUrl + "/privacy/" + tenant.slug() + "/download/" + token + "/link/" + link,
                locale);
        return true;
    }

    /**
     * Checks a download code. The right one is cleared, counted and audited in one transaction, and its
     * package returned for the caller to stream; a wrong one counts an attempt, and the last allowed one uses
     * the code (and its link) up.
     *
     * @return empty when the token names no request whose download is offered
     */
    Optional<Redemption> redeem(Tenant tenant, String token, String code) {
        return grant(tenant, token, (row, now) -> {
            boolean right = CODE.matcher(code).matches()
                    && MessageDigest.isEqual(
                            row.getDownloadCodeHash().getBytes(StandardCharsets.US_ASCII),
                            codeHash(tenant.id(), row.getRequestId(), code).getBytes(StandardCharsets.US_ASCII));
            if (right) {
                return true;
            }
            row.setDownloadCodeAttempts(row.getDownloadCodeAttempts() + 1);
            if (row.getDownloadCodeAttempts() >= properties.codeAttempts()) {
                clearCode(row);
            }
            return false;
        });
    }

    /**
     * Grants the download by the link mailed with the download code, as the right code would: once, while that
     * code works. A wrong secret is {@code Expired} (the link does not work), not an attempt: 256 random bits are
     * not guessed.
     *
     * @return empty when the token names no request whose download is offered
     */
    Optional<Redemption> redeemLink(Tenant tenant, String token, String secret) {
        return grant(
                tenant,
                token,
                (row, now) -> PortalRequests.secretMatches(row.getDownloadLinkHash(), secret) ? Boolean.TRUE : null);
    }

    /** Whether the download link would grant the download now, changing nothing (a mail scanner's GET). */
    boolean linkWorks(Tenant tenant, String token, String secret) {
        Instant now = clock.instant();
        return row(tenant, token)
                .filter(row -> row.getDownloadCodeHash() != null
                        && row.getDownloadCodeExpiresAt().toInstant().isAfter(now)
                        && PortalRequests.secretMatches(row.getDownloadLinkHash(), secret))
                .isPresent();
    }

    /**
     * Checks a code or link of a download offered, its row locked: {@code check} answers true (granted: the code
     * and link are cleared, the download counted and audited, the package returned), false (wrong: what the check
     * changed is stored) or null (the link does not work: nothing changes). No code waiting, or one past its
     * validity, is {@code Expired}.
     */
    private Optional<Redemption> grant(
            Tenant tenant, String token, BiFunction<PortalRequestRecord, Instant, Boolean> check) {
        if (!PortalRequests.TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return TenantContext.callAs(
                tenant.id(),
                () -> dsl.transactionResult(configuration -> {
                    DSLContext tx = DSL.using(configuration);
                    PortalRequestRecord row = tx.selectFrom(PORTAL_REQUEST)
                            .where(PORTAL_REQUEST.TENANT_ID.eq(tenant.id()))
                            .and(PORTAL_REQUEST.STATUS_TOKEN_HASH.eq(PortalRequests.sha256(token)))
                            .forUpdate()
                            .fetchOne();
                    if (row == null || row.getVerifiedAt() == null) {
                        return Optional.<Redemption>empty();
                    }
                    Optional<StoredPackage> stored = stored(tenant, row);
                    if (stored.isEmpty()) {
                        return Optional.<Redemption>empty();
                    }
                    if (row.getDownloadCodeHash() == null
                            || !row.getDownloadCodeExpiresAt().toInstant().isAfter(now)) {
                        return Optional.<Redemption>of(new Redemption.Expired());
                    }
                    Boolean granted = check.apply(row, now);
                    if (granted == null) {
                        return Optional.<Redemption>of(new Redemption.Expired());
                    }
                    if (!granted) {
                        row.store();
                        return Optional.<Redemption>of(new Redemption.Wrong());
                    }
                    clearCode(row);
                    row.setDownloads(row.getDownloads() + 1);
                    row.store();
                    audit.append(new AuditEvent(
                            tenant.id(),
                            PortalRequests.PORTAL,
                            "request.package.downloaded",
                            "request:" + row.getRequestId(),
                            Map.of(
                                    "package", stored.get().id().toString(),
                                    "via", "portal",
                                    "downloads", Integer.toString(row.getDownloads()))));
                    return Optional.<Redemption>of(new Redemption.Granted(stored.get()));
                }));
    }

    /** A download code used or used up takes its link along. */
    private static void clearCode(PortalRequestRecord row) {
        row.setDownloadCodeHash(null);
        row.setDownloadCodeExpiresAt(null);
        row.setDownloadLinkHash(null);
    }

    /** The package's bytes; the caller closes the stream. */
    java.io.InputStream open(StoredPackage stored) {
        return packages.open(stored);
    }

    private Optional<PortalRequestRecord> row(Tenant tenant, String token) {
        if (!PortalRequests.TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return TenantContext.callAs(
                tenant.id(),
                () -> dsl.selectFrom(PORTAL_REQUEST)
                        .where(PORTAL_REQUEST.TENANT_ID.eq(tenant.id()))
                        .and(PORTAL_REQUEST.STATUS_TOKEN_HASH.eq(PortalRequests.sha256(token)))
                        .and(PORTAL_REQUEST.VERIFIED_AT.isNotNull())
                        .fetchOptional());
    }

    /** The request's package, when it is a completed access or export whose package is still kept. */
    private Optional<StoredPackage> stored(Tenant tenant, PortalRequestRecord row) {
        return TenantContext.callAs(tenant.id(), () -> {
            var request = dsl.select(REQUEST.TYPE, REQUEST.STATUS)
                    .from(REQUEST)
                    .where(REQUEST.TENANT_ID.eq(tenant.id()))
                    .and(REQUEST.ID.eq(row.getRequestId()))
                    .fetchOne();
            if (request == null
                    || !PACKAGED.contains(RequestType.valueOf(request.value1()))
                    || !DONE.contains(RequestStatus.valueOf(request.value2()))) {
                return Optional.<StoredPackage>empty();
            }
            return packages.latest(tenant.id(), row.getRequestId());
        });
    }

    private String codeHash(UUID tenantId, UUID requestId, String code) {
        return vault.subjectHash(tenantId.toString(), "portal-download:" + requestId + ":" + code)
                .hex();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
