package dev.lethe.ui.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.jooq.tables.records.PortalRequestRecord;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.request.Channel;
import dev.lethe.workflows.request.NewRequest;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.RequestType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests filed on the public portal: filed {@code IDENTITY_UNVERIFIED} with a one-time code sent to
 * the e-mail address given, verified by that code (then they are officers' requests like any other and
 * their workflow starts), or canceled unverified after {@code lethe.portal.unverified-expiry}. Codes are
 * kept as the vault's keyed hash under the tenant key (six digits are too few for a plain hash), status
 * tokens (256 random bits) as their SHA-256. Every call acts as the page's tenant under row-level
 * security. Answers are the same whoever the identity is: nothing here looks anything up by it.
 * Thread-safe.
 */
class PortalRequests {

    /** The portal as the actor of what it records (filings, verifications, expiries). */
    static final Actor PORTAL = Actor.system("portal");

    private static final Logger log = LoggerFactory.getLogger(PortalRequests.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    /** What filing answers: the token of the verify and status pages. */
    record Filed(String token) {}

    /** What a code does. */
    enum Verification {
        VERIFIED,
        WRONG,
        /** The code is past its validity, or used up its attempts: a new one must be sent. */
        EXPIRED,
        /** The request expired unverified (or was verified already: then the status page tells). */
        CLOSED
    }

    /** What the status page shows: no identity, no corrected value, nothing personal. */
    record Status(RequestType type, RequestStatus status, Instant receivedAt, Instant dueAt, boolean verified) {

        /** The type as the messages name it ({@code portal.type.erasure}). */
        public String typeName() {
            return type.name().toLowerCase(Locale.ROOT);
        }

        public LocalDate receivedOn() {
            return receivedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        }

        public LocalDate dueOn() {
            return dueAt.atOffset(ZoneOffset.UTC).toLocalDate();
        }
    }

    private final Tenants tenants;
    private final RequestManagement management;
    private final RequestStore store;
    private final Vault vault;
    private final DSLContext dsl;
    private final PortalMail mail;
    private final PortalProperties properties;
    private final PortalAgents agents;
    private final Clock clock;

    PortalRequests(
            Tenants tenants,
            RequestManagement management,
            RequestStore store,
            Vault vault,
            DSLContext dsl,
            PortalMail mail,
            PortalProperties properties,
            PortalAgents agents,
            Clock clock) {
        this.tenants = tenants;
        this.management = management;
        this.store = store;
        this.vault = vault;
        this.dsl = dsl;
        this.mail = mail;
        this.properties = properties;
        this.agents = agents;
        this.clock = clock;
    }

    Optional<Tenant> tenant(String slug) {
        return slug.length() > 63 ? Optional.empty() : tenants.findBySlug(slug);
    }

    /**
     * Files the request and sends its code. The form is valid (checked by the caller); an agent's name,
     * authority and {@code proof} (null when none was uploaded) are kept with it.
     *
     * @throws PortalMail.Unavailable when no code could be sent (the request then expires unverified)
     */
    Filed file(
            Tenant tenant,
            RequestType type,
            PortalForm form,
            PortalAgents.Proof proof,
            Locale locale,
            String organisation) {
        if (!mail.configured()) {
            throw new PortalMail.Unavailable("lethe.portal.mail.host is not set", null);
        }
        String token = token();
        String code = code();
        String link = token();
        Instant now = clock.instant();
        TenantContext.runAs(tenant.id(), () -> {
            var filed = management.file(
                    new Editor(tenant.id(), PORTAL),
                    new NewRequest(
                            type,
                            form.identities(),
                            properties.pageOf(tenant.slug()).regulationOrDefault(),
                            Channel.PORTAL,
                            form.corrections(type),
                            form.purposeFor(type)));
            dsl.insertInto(PORTAL_REQUEST)
                    .set(PORTAL_REQUEST.TENANT_ID, tenant.id())
                    .set(PORTAL_REQUEST.REQUEST_ID, filed.id())
                    .set(PORTAL_REQUEST.STATUS_TOKEN_HASH, sha256(token))
                    .set(PORTAL_REQUEST.CODE_HASH, codeHash(tenant.id(), filed.id(), code))
                    .set(PORTAL_REQUEST.CODE_EXPIRES_AT, time(now.plus(properties.codeValidity())))
                    .set(PORTAL_REQUEST.LINK_HASH, sha256(link))
                    .set(PORTAL_REQUEST.CODES_SENT, 1)
                    .set(PORTAL_REQUEST.AUTHORIZED_AGENT, form.agent())
                    .set(PORTAL_REQUEST.LOCALE, locale.getLanguage())
                    .set(PORTAL_REQUEST.CREATED_AT, time(now))
                    .set(PORTAL_REQUEST.EXPIRES_AT, time(now.plus(properties.unverifiedExpiry())))
                    .execute();
            if (form.agent()) {
                agents.record(tenant.id(), filed.id(), form.agentName(), form.agentRelation(), proof);
            }
        });
        mail.sendCode(
                form.identities().get("email").orElseThrow(),
                organisation,
                code,
                minutes(),
                linkUrl(tenant, token, link),
                locale);
        return new Filed(token);
    }

    /**
     * Sends a new code (the old one stops working); false when the request waits for none. {@code limit}
     * is given the identity's e-mail address before anything changes, and throws to refuse.
     */
    boolean resend(Tenant tenant, String token, Locale locale, String organisation, Consumer<String> limit) {
        Optional<PortalRequestRecord> waiting =
                find(tenant, token).filter(row -> row.getVerifiedAt() == null && !expired(row));
        if (waiting.isEmpty()) {
            return false;
        }
        UUID requestId = waiting.get().getRequestId();
        String email = TenantContext.callAs(tenant.id(), () -> store.identities(tenant.id(), requestId))
                .get("email")
                .orElseThrow();
        limit.accept(email);
        String code = code();
        String link = token();
        boolean renewed = TenantContext.callAs(
                tenant.id(),
                () -> dsl.transactionResult(configuration -> {
                    DSLContext tx = org.jooq.impl.DSL.using(configuration);
                    PortalRequestRecord row = locked(tx, tenant.id(), token).orElse(null);
                    if (row == null || row.getVerifiedAt() != null || expired(row)) {
                        return false;
                    }
                    row.setCodeHash(codeHash(tenant.id(), row.getRequestId(), code));
                    row.setCodeExpiresAt(time(clock.instant().plus(properties.codeValidity())));
                    row.setLinkHash(sha256(link));
                    row.setCodeAttempts(0);
                    row.setCodesSent(row.getCodesSent() + 1);
                    row.store();
                    return true;
                }));
        if (renewed) {
            mail.sendCode(email, organisation, code, minutes(), linkUrl(tenant, token, link), locale);
        }
        return renewed;
    }

    /**
     * Checks a code: right, it verifies the request (its workflow starts and the status link is mailed);
     * wrong, it counts an attempt; the last allowed wrong attempt uses the code up.
     */
    Verification verify(
            Tenant tenant, String token, String code, Locale locale, String statusUrl, String organisation) {
        return settle(tenant, token, locale, statusUrl, organisation, (row, now) -> {
            if (row.getCodeHash() == null || !row.getCodeExpiresAt().toInstant().isAfter(now)) {
                return Verification.EXPIRED;
            }
            boolean right = CODE.matcher(code).matches()
                    && MessageDigest.isEqual(
                            row.getCodeHash().getBytes(StandardCharsets.US_ASCII),
                            codeHash(tenant.id(), row.getRequestId(), code).getBytes(StandardCharsets.US_ASCII));
            if (right) {
                row.setVerifiedAt(time(now));
                clearCode(row);
                return Verification.VERIFIED;
            }
            row.setCodeAttempts(row.getCodeAttempts() + 1);
            if (row.getCodeAttempts() >= properties.codeAttempts()) {
                clearCode(row);
            }
            return Verification.WRONG;
        });
    }

    /**
     * Checks a request still open for verification in one transaction, its row locked, and stores what the
     * check changed unless the code had expired; a request verified that way starts its workflow, one found
     * expired is canceled. A closed request (verified already, expired, or unknown) is {@code CLOSED}.
     */
    private Verification settle(
            Tenant tenant,
            String token,
            Locale locale,
            String statusUrl,
            String organisation,
            BiFunction<PortalRequestRecord, Instant, Verification> check) {
        Instant now = clock.instant();
        record Checked(Verification outcome, PortalRequestRecord row) {}
        Checked checked = TenantContext.callAs(
                tenant.id(),
                () -> dsl.transactionResult(configuration -> {
                    DSLContext tx = org.jooq.impl.DSL.using(configuration);
                    PortalRequestRecord row = locked(tx, tenant.id(), token).orElse(null);
                    if (row == null || row.getVerifiedAt() != null || expired(row)) {
                        return new Checked(Verification.CLOSED, row);
                    }
                    Verification outcome = check.apply(row, now);
                    if (outcome != Verification.EXPIRED) {
                        row.store();
                    }
                    return new Checked(outcome, row);
                }));
        if (checked.outcome() == Verification.VERIFIED) {
            verified(tenant, checked.row(), locale, statusUrl, organisation);
        } else if (checked.outcome() == Verification.CLOSED && checked.row() != null && expired(checked.row())) {
            expire(tenant.id(), checked.row().getRequestId());
        }
        return checked.outcome();
    }

    /** A code used or used up takes the magic link sent with it along. */
    private static void clearCode(PortalRequestRecord row) {
        row.setCodeHash(null);
        row.setCodeExpiresAt(null);
        row.setLinkHash(null);
    }

    /** Starts the workflow of a request just verified and mails its status link. */
    private void verified(
            Tenant tenant, PortalRequestRecord row, Locale locale, String statusUrl, String organisation) {
        TenantContext.runAs(tenant.id(), () -> {
            management.verifyIdentity(
                    new Editor(tenant.id(), PORTAL),
                    row.getRequestId(),
                    row.getAuthorizedAgent() ? Map.of("authorizedAgent", "true") : Map.of());
            String email = store.identities(tenant.id(), row.getRequestId())
                    .get("email")
                    .orElseThrow();
            try {
                mail.sendStatusLink(email, organisation, statusUrl, locale);
            } catch (PortalMail.Unavailable e) {
                // Verified all the same: the status page is where the person is sent next.
                log.warn("The status link of a verified portal request was not mailed: {}", e.getMessage());
            }
        });
    }

    /** What a magic link's page may offer, before anything is done with it. */
    enum LinkState {
        /** The link would verify the request: show the button that does. */
        USABLE,
        /** The request is verified already (by this link, another one or the code). */
        CONFIRMED,
        /** Used up, replaced by a newer code, past the code's validity, or the request expired: refused. */
        DEAD
    }

    /**
     * What the magic link would do, changing nothing (a mail scanner's GET must not verify); empty when the
     * token names no request of the tenant.
     */
    Optional<LinkState> linkState(Tenant tenant, String token, String secret) {
        return find(tenant, token).map(row -> {
            if (row.getVerifiedAt() != null) {
                return LinkState.CONFIRMED;
            }
            return linkWorks(row, secret, clock.instant()) ? LinkState.USABLE : LinkState.DEAD;
        });
    }

    /**
     * Verifies the request by its magic link, as the right code would: a link works once, while the code it
     * was sent with does (so a new code, a used-up code or a verification ends it). A wrong secret is not
     * counted as an attempt: 256 random bits are not guessed.
     *
     * @return VERIFIED, EXPIRED (the link does not work) or CLOSED (already verified, or the request expired)
     */
    Verification verifyLink(
            Tenant tenant, String token, String secret, Locale locale, String statusUrl, String organisation) {
        return settle(tenant, token, locale, statusUrl, organisation, (row, now) -> {
            if (!linkWorks(row, secret, now)) {
                return Verification.EXPIRED;
            }
            row.setVerifiedAt(time(now));
            clearCode(row);
            return Verification.VERIFIED;
        });
    }

    private boolean linkWorks(PortalRequestRecord row, String secret, Instant now) {
        return row.getVerifiedAt() == null
                && !expired(row)
                && row.getLinkHash() != null
                && row.getCodeHash() != null
                && row.getCodeExpiresAt().toInstant().isAfter(now)
                && secretMatches(row.getLinkHash(), secret);
    }

    /** Whether {@code secret} is the magic link's secret whose SHA-256 is {@code hash} (compared in constant time). */
    static boolean secretMatches(byte[] hash, String secret) {
        return hash != null && TOKEN.matcher(secret).matches() && MessageDigest.isEqual(hash, sha256(secret));
    }

    private String linkUrl(Tenant tenant, String token, String link) {
        return PortalShell.baseUrl(properties) + "/privacy/" + tenant.slug() + "/verify/" + token + "/link/" + link;
    }

    /** Whether the token names a request of the tenant that still waits for its code. */
    Optional<Boolean> awaitsCode(Tenant tenant, String token) {
        return find(tenant, token).map(row -> row.getVerifiedAt() == null && !expired(row));
    }

    Optional<Status> status(Tenant tenant, String token) {
        return find(tenant, token).flatMap(row -> {
            if (row.getVerifiedAt() == null && expired(row)) {
                expire(tenant.id(), row.getRequestId());
            }
            return TenantContext.callAs(
                    tenant.id(),
                    () -> dsl.selectFrom(REQUEST)
                            .where(REQUEST.TENANT_ID.eq(tenant.id()))
                            .and(REQUEST.ID.eq(row.getRequestId()))
                            .fetchOptional(request -> new Status(
                                    RequestType.valueOf(request.getType()),
                                    RequestStatus.valueOf(request.getStatus()),
                                    request.getReceivedAt().toInstant(),
                                    request.getDueAt().toInstant(),
                                    row.getVerifiedAt() != null)));
        });
    }

    /** Cancels every unverified request past its expiry, in every tenant; returns how many. */
    int sweep() {
        int expired = 0;
        OffsetDateTime now = time(clock.instant());
        for (Tenant tenant : tenants.all()) {
            List<UUID> due = TenantContext.callAs(
                    tenant.id(),
                    () -> dsl.select(PORTAL_REQUEST.REQUEST_ID)
                            .from(PORTAL_REQUEST)
                            .where(PORTAL_REQUEST.TENANT_ID.eq(tenant.id()))
                            .and(PORTAL_REQUEST.VERIFIED_AT.isNull())
                            .and(PORTAL_REQUEST.EXPIRED_AT.isNull())
                            .and(PORTAL_REQUEST.EXPIRES_AT.le(now))
                            .limit(1000)
                            .fetch(PORTAL_REQUEST.REQUEST_ID));
            for (UUID request : due) {
                if (expire(tenant.id(), request)) {
                    expired++;
                }
            }
        }
        return expired;
    }

    private boolean expire(UUID tenantId, UUID requestId) {
        return TenantContext.callAs(tenantId, () -> {
            boolean canceled = management.expireUnverified(new Editor(tenantId, PORTAL), requestId);
            // Done with either way: no code is kept, and the sweep does not come back to it.
            dsl.update(PORTAL_REQUEST)
                    .setNull(PORTAL_REQUEST.CODE_HASH)
                    .setNull(PORTAL_REQUEST.CODE_EXPIRES_AT)
                    .set(PORTAL_REQUEST.EXPIRED_AT, time(clock.instant()))
                    .where(PORTAL_REQUEST.TENANT_ID.eq(tenantId))
                    .and(PORTAL_REQUEST.REQUEST_ID.eq(requestId))
                    .and(PORTAL_REQUEST.VERIFIED_AT.isNull())
                    .execute();
            return canceled;
        });
    }

    private Optional<PortalRequestRecord> find(Tenant tenant, String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return TenantContext.callAs(
                tenant.id(),
                () -> dsl.selectFrom(PORTAL_REQUEST)
                        .where(PORTAL_REQUEST.TENANT_ID.eq(tenant.id()))
                        .and(PORTAL_REQUEST.STATUS_TOKEN_HASH.eq(sha256(token)))
                        .fetchOptional());
    }

    private static Optional<PortalRequestRecord> locked(DSLContext tx, UUID tenantId, String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return tx.selectFrom(PORTAL_REQUEST)
                .where(PORTAL_REQUEST.TENANT_ID.eq(tenantId))
                .and(PORTAL_REQUEST.STATUS_TOKEN_HASH.eq(sha256(token)))
                .forUpdate()
                .fetchOptional();
    }

    private boolean expired(PortalRequestRecord row) {
        return row.getExpiredAt() != null || !row.getExpiresAt().toInstant().isAfter(clock.instant());
    }

    private String codeHash(UUID tenantId, UUID requestId, String code) {
        return vault.subjectHash(tenantId.toString(), "portal-code:" + requestId + ":" + code)
                .hex();
    }

    private long minutes() {
        return properties.codeValidity().toMinutes();
    }

    /** 256 random bits, URL-safe: a status token or a magic link's secret. */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String code() {
        return "%06d".formatted(RANDOM.nextInt(1_000_000));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
