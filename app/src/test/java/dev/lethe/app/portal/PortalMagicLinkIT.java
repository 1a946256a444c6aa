package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The magic link of the code mail: opening it (as a mail scanner does) verifies nothing, pressing its button
 * does; it works once, and not after a newer code was sent or the code it came with is past its validity.
 */
class PortalMagicLinkIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    private Tenant tenant;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantAndVisitor() {
        tenant = tenants.create(UniqueNames.of("portal-link"), "Magic link test");
        visitor = visitorOfItsOwn();
    }

    private static String email() {
        return UniqueNames.of("lina") + "@example.org";
    }

    private static String statusOf(UUID request) {
        return owner().select(REQUEST.STATUS)
                .from(REQUEST)
                .where(REQUEST.ID.eq(request))
                .fetchSingle(REQUEST.STATUS);
    }

    @Test
    void openingTheLinkVerifiesNothingPressingItsButtonDoesAndOnlyOnce() {
        String email = email();
        String token = file(visitor, tenant, "erasure", email);
        String link = magicLinkIn(awaitMail(email, 1));
        assertThat(link).startsWith("/privacy/" + tenant.slug() + "/verify/" + token + "/link/");
        UUID request = requestOf(token);

        // A mail scanner, without cookies or a CSRF token, opens the link: nothing happens.
        PortalVisitor scanner = visitorOfItsOwn();
        HttpResponse<String> scanned = scanner.get(link);
        HttpResponse<String> scannedAgain = scanner.get(link);
        assertThat(scanned.statusCode()).isEqualTo(200);
        assertThat(scannedAgain.statusCode()).isEqualTo(200);
        assertThat(scanned.body())
                .contains("id=\"confirm-link\"")
                .contains("method=\"post\"")
                .doesNotContain(email);
        assertThat(statusOf(request)).isEqualTo("IDENTITY_UNVERIFIED");
        assertThat(new PortalVisitor(port, "127.0.3.251")
                        .postWithout(link, Map.of())
                        .statusCode())
                .as("a POST without the page's CSRF token")
                .isEqualTo(403);
        assertThat(statusOf(request)).isEqualTo("IDENTITY_UNVERIFIED");

        visitor.get(link);
        HttpResponse<String> confirmed = visitor.post(link, Map.of());

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
        assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith("/status/" + token);
        assertThat(statusOf(request)).isNotEqualTo("IDENTITY_UNVERIFIED");
        assertThat(awaitMail(email, 2)).as("the status link is mailed").contains("/status/" + token);

        HttpResponse<String> reopened = visitor.get(link);
        assertThat(reopened.statusCode()).as("a used link is refused").isEqualTo(410);
        assertThat(reopened.body()).contains("id=\"link-confirmed\"").doesNotContain("id=\"confirm-link\"");
        assertThat(visitor.post(link, Map.of()).statusCode()).isEqualTo(410);
    }

    @Test
    void aNewerCodeAnExpiredCodeOrAWrongSecretEndTheLink() {
        String email = email();
        String token = file(visitor, tenant, "access", email);
        String first = magicLinkIn(awaitMail(email, 1));
        UUID request = requestOf(token);
        visitor.get("/privacy/" + tenant.slug() + "/verify/" + token);
        visitor.post("/privacy/" + tenant.slug() + "/verify/" + token + "/resend", Map.of());
        String second = magicLinkIn(awaitMail(email, 2));
        assertThat(second).isNotEqualTo(first);

        visitor.get(second);
        HttpResponse<String> replaced = visitor.post(first, Map.of());
        assertThat(replaced.statusCode()).as("the link of a replaced code").isEqualTo(410);
        assertThat(replaced.body()).contains("id=\"link-used\"");
        assertThat(visitor.get(first).statusCode()).isEqualTo(410);
        String guessed = second.substring(0, second.lastIndexOf('/') + 1) + "A".repeat(43);
        assertThat(visitor.post(guessed, Map.of()).statusCode()).isEqualTo(410);
        assertThat(visitor.get(second.replace("/verify/" + token, "/verify/" + "B".repeat(43)))
                        .statusCode())
                .as("another token")
                .isEqualTo(404);
        assertThat(statusOf(request)).isEqualTo("IDENTITY_UNVERIFIED");

        owner().update(PORTAL_REQUEST)
                .set(PORTAL_REQUEST.CODE_EXPIRES_AT, OffsetDateTime.now().minusSeconds(1))
                .where(PORTAL_REQUEST.REQUEST_ID.eq(request))
                .execute();
        assertThat(visitor.get(second).statusCode()).isEqualTo(410);
        assertThat(visitor.post(second, Map.of()).statusCode())
                .as("past the code's validity")
                .isEqualTo(410);
        assertThat(statusOf(request)).isEqualTo("IDENTITY_UNVERIFIED");
    }
}
