package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.jooq.tables.records.PortalRequestRecord;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a copy of the database tells about the portal's one-time codes: the code the mail carried is nowhere in the
 * request's rows as PostgreSQL holds them (read as their owner, whole rows as text), only a keyed hash that is not
 * the code's plain hash (six digits are a million guesses); a new code replaces it; once the code is used, or used
 * up by wrong tries, nothing of it is kept.
 */
class PortalCodesAtRestIT extends PortalTestBase {

    /** Addresses of their own (the per-address limits count across the portal's tests). */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(234);

    @Autowired
    Tenants tenants;

    private Tenant tenant;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantAndVisitor() {
        tenant = tenants.create(UniqueNames.of("codes"), "Codes at rest");
        visitor = new PortalVisitor(port, "127.0.0." + ADDRESSES.incrementAndGet());
    }

    private String path(String rest) {
        return "/privacy/" + tenant.slug() + rest;
    }

    private String file(String email) {
        visitor.get(path("/new/erasure"));
        HttpResponse<String> filed = visitor.post(path("/new/erasure"), Map.of("email", email));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        return tokenOf(filed);
    }

    private HttpResponse<String> enter(String token, String code) {
        visitor.get(path("/verify/" + token));
        return visitor.post(path("/verify/" + token), Map.of("code", code));
    }

    /** Everything the database holds of the request, as text: its portal row, its request row, its timeline. */
    private static String rowsOf(UUID request) {
        return String.join(
                "\n",
                owner().fetch("select p::text from portal_request p where p.request_id = ?", request)
                        .getValues(0, String.class)
                        .toString(),
                owner().fetch("select r::text from request r where r.id = ?", request)
                        .getValues(0, String.class)
                        .toString(),
                owner().fetch("select e::text from request_event e where e.request_id = ?", request)
                        .getValues(0, String.class)
                        .toString());
    }

    private static PortalRequestRecord portalRow(UUID request) {
        return owner().selectFrom(PORTAL_REQUEST)
                .where(PORTAL_REQUEST.REQUEST_ID.eq(request))
                .fetchSingle();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void theMailedCodeIsNowhereInTheDatabaseOnlyAKeyedHashClearedOnceUsed() throws Exception {
        String email = UniqueNames.of("ann") + "@example.org";
        String token = file(email);
        String first = awaitCode(email, 1);
        UUID request = requestOf(token);

        String stored = portalRow(request).getCodeHash();
        assertThat(rowsOf(request)).as("the rows as the database holds them").doesNotContain(first);
        assertThat(stored)
                .as("a hash no one can compute from the code alone")
                .isNotBlank()
                .isNotEqualTo(sha256(first))
                .isNotEqualTo(sha256("portal-code:" + request + ":" + first));

        visitor.get(path("/verify/" + token));
        assertThat(visitor.post(path("/verify/" + token + "/resend"), Map.of()).statusCode())
                .isEqualTo(302);
        String second = awaitCode(email, 2);
        assertThat(portalRow(request).getCodeHash())
                .as("the new code replaced the old")
                .isNotEqualTo(stored);
        assertThat(rowsOf(request)).doesNotContain(first, second);

        assertThat(enter(token, second).statusCode()).isEqualTo(302);

        PortalRequestRecord used = portalRow(request);
        assertThat(used.getVerifiedAt()).isNotNull();
        assertThat(used.getCodeHash()).as("nothing of a used code is kept").isNull();
        assertThat(used.getCodeExpiresAt()).isNull();
        assertThat(rowsOf(request)).doesNotContain(first, second);
    }

    @Test
    void aCodeUsedUpByWrongTriesIsClearedToo() throws Exception {
        String email = UniqueNames.of("ann") + "@example.org";
        String token = file(email);
        String code = awaitCode(email, 1);
        UUID request = requestOf(token);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(enter(token, wrong(code)).statusCode()).isEqualTo(400);
        }

        PortalRequestRecord usedUp = portalRow(request);
        assertThat(usedUp.getVerifiedAt()).isNull();
        assertThat(usedUp.getCodeHash()).isNull();
        assertThat(rowsOf(request)).doesNotContain(code);
    }
}
