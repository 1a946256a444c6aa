package dev.lethe.workflows.packages;

import static dev.lethe.catalog.jooq.Tables.PACKAGE_LINK;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.jooq.Routines;
import dev.lethe.catalog.tenant.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Download links for packages: a random token handed out once and stored only as its SHA-256, for one
 * purpose, until it expires. Redeeming needs no API key (the token is the credential), so it first
 * learns the link's tenant through {@code lethe_package_link_tenant} and then acts as that tenant.
 * Every download is counted and audited (the link's id, never the token).
 */
public final class PackageLinks {

    public static final String DOWNLOAD = "package-download";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final DSLContext dsl;
    private final RequestPackages packages;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PackageLinks(DSLContext dsl, RequestPackages packages, AuditTrail audit, Clock clock) {
        this.dsl = dsl;
        this.packages = packages;
        this.audit = audit;
        this.clock = clock;
    }

    /** The token goes to whoever may download; it is not kept and cannot be shown again. */
    public record IssuedLink(UUID linkId, String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedLink[" + linkId + ", expires " + expiresAt + "]";
        }
    }

    /** What redeeming a token found. */
    public sealed interface Redemption {
        record Found(StoredPackage stored, UUID linkId) implements Redemption {}

        /** The link or its package expired (or the package was deleted): 410. */
        record Expired() implements Redemption {}

        /** No such link, or one for another purpose: 404. */
        record Unknown() implements Redemption {}
    }

    public IssuedLink issue(StoredPackage stored, Actor actor, Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(ttl).isAfter(stored.expiresAt()) ? stored.expiresAt() : now.plus(ttl);
        UUID id = UUID.randomUUID();
        dsl.transaction(configuration -> {
            configuration
                    .dsl()
                    .insertInto(PACKAGE_LINK)
                    .set(PACKAGE_LINK.ID, id)
                    .set(PACKAGE_LINK.TENANT_ID, stored.tenantId())
                    .set(PACKAGE_LINK.PACKAGE_ID, stored.id())
                    .set(PACKAGE_LINK.TOKEN_SHA256, hash(token))
                    .set(PACKAGE_LINK.PURPOSE, DOWNLOAD)
                    .set(PACKAGE_LINK.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(PACKAGE_LINK.CREATED_BY, actor.kind() + ":" + actor.id())
                    .set(PACKAGE_LINK.EXPIRES_AT, expires.atOffset(ZoneOffset.UTC))
                    .execute();
            audit.append(new AuditEvent(
                    stored.tenantId(),
                    actor,
                    "request.package.link_issued",
                    "request:" + stored.requestId(),
                    Map.of("package", stored.id().toString(), "link", id.toString(), "expiresAt", expires.toString())));
        });
        return new IssuedLink(id, token, expires);
    }

    /** Finds the link's package, counts and audits the download; the caller then opens the package. */
    public Redemption redeem(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return new Redemption.Unknown();
        }
        String hash = hash(token);
        UUID tenantId = dsl.select(Routines.lethePackageLinkTenant(hash)).fetchOne(0, UUID.class);
        if (tenantId == null) {
            return new Redemption.Unknown();
        }
        return TenantContext.callAs(tenantId, () -> redeemAs(tenantId, hash));
    }

    private Redemption redeemAs(UUID tenantId, String hash) {
        var link = dsl.selectFrom(PACKAGE_LINK)
                .where(PACKAGE_LINK.TENANT_ID.eq(tenantId))
                .and(PACKAGE_LINK.TOKEN_SHA256.eq(hash))
                .fetchOne();
        if (link == null || !DOWNLOAD.equals(link.getPurpose())) {
            return new Redemption.Unknown();
        }
        Instant now = clock.instant();
        Optional<StoredPackage> stored = packages.find(tenantId, link.getPackageId());
        if (!link.getExpiresAt().toInstant().isAfter(now)
                || stored.isEmpty()
                || !stored.get().expiresAt().isAfter(now)) {
            return new Redemption.Expired();
        }
        dsl.transaction(configuration -> {
            int downloads = configuration
                    .dsl()
                    .update(PACKAGE_LINK)
                    .set(PACKAGE_LINK.DOWNLOADS, PACKAGE_LINK.DOWNLOADS.plus(1))
                    .set(PACKAGE_LINK.LAST_USED_AT, now.atOffset(ZoneOffset.UTC))
                    .where(PACKAGE_LINK.TENANT_ID.eq(tenantId))
                    .and(PACKAGE_LINK.ID.eq(link.getId()))
                    .returning(PACKAGE_LINK.DOWNLOADS)
                    .fetchOne(PACKAGE_LINK.DOWNLOADS);
            audit.append(new AuditEvent(
                    tenantId,
                    Actor.system("package-link"),
                    "request.package.downloaded",
                    "request:" + stored.get().requestId(),
                    Map.of(
                            "package", stored.get().id().toString(),
                            "link", link.getId().toString(),
                            "downloads", Integer.toString(downloads))));
        });
        return new Redemption.Found(stored.get(), link.getId());
    }

    static String hash(String token) {
        return Digests.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
