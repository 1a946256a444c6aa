package dev.lethe.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The link in the download code's mail: opening it (as a mail scanner does) hands nothing over, a POST without
 * the page's CSRF token is refused, the button downloads the package once (audited), a replay is {@code 410}, and
 * the link dies with its code (replaced, used, or a guessed secret).
 */
class PortalDownloadLinkIT extends PortalTestBase {

    private static final Pattern DOWNLOAD_LINK =
            Pattern.compile("(/privacy/[^/\\s]+/download/[A-Za-z0-9_-]{43}/link/[A-Za-z0-9_-]{43})");

    @Autowired
    Tenants tenants;

    private Tenant tenant;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantAndVisitor() {
        tenant = tenants.create(UniqueNames.of("portal-dl-link"), "Download link test");
        visitor = visitorOfItsOwn();
    }

    private String path(String rest) {
        return "/privacy/" + tenant.slug() + rest;
    }

    /** A completed access request of a new address whose download code was asked for; returns its token. */
    private String askedForACode(String email) {
        String token = fileAndVerify(visitor, tenant, "access", email);
        completeWithPackage(tenant, requestOf(token), "ACCESS", "kept-note");
        askAgain(token);
        return token;
    }

    private void askAgain(String token) {
        visitor.get(path("/download/" + token));
        assertThat(visitor.post(path("/download/" + token + "/send"), Map.of()).statusCode())
                .isEqualTo(302);
    }

    private static String linkIn(String mail) {
        Matcher matcher = DOWNLOAD_LINK.matcher(mail);
        assertThat(matcher.find()).as("a download link in the mail: %s", mail).isTrue();
        return matcher.group(1);
    }

    @Test
    void openingTheLinkHandsNothingOverAndItsButtonDownloadsOnce() {
        String email = UniqueNames.of("lina") + "@example.org";
        String token = askedForACode(email);
        // Mail 1 the verification code, mail 2 the status link, mail 3 the download code and link.
        String link = linkIn(awaitMail(email, 3));
        assertThat(link).startsWith(path("/download/" + token + "/link/"));

        HttpResponse<String> opened = visitor.get(link);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body())
                .contains("id=\"confirm-link\"", "Download my data")
                .doesNotContain("kept-note");
        assertThat(visitor.get(link).statusCode())
                .as("opened again: still usable")
                .isEqualTo(200);
        assertThat(audited(tenant, "request.package.downloaded")).isEmpty();

        assertThat(visitor.postWithout(link, Map.of()).statusCode())
                .as("a POST without the page's CSRF token (a scanner's, another site's)")
                .isEqualTo(403);

        visitor.get(link);
        HttpResponse<byte[]> download = visitor.postForBytes(link, Map.of());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(new String(download.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        assertThat(audited(tenant, "request.package.downloaded"))
                .singleElement()
                .asString()
                .containsPattern("\"via\":\\s*\"portal\"")
                .doesNotContain(email, token);

        HttpResponse<byte[]> replay = visitor.postForBytes(link, Map.of());
        assertThat(replay.statusCode()).as("a link downloads once").isEqualTo(410);
        assertThat(new String(replay.body(), StandardCharsets.UTF_8)).contains("id=\"link-used\"");
        assertThat(visitor.get(link).statusCode()).isEqualTo(410);

        String code = awaitCode(email, 3);
        visitor.get(path("/download/" + token + "?sent"));
        assertThat(visitor.postForBytes(path("/download/" + token), Map.of("code", code))
                        .statusCode())
                .as("the code the link came with is used up with it")
                .isEqualTo(410);
        assertThat(audited(tenant, "request.package.downloaded")).hasSize(1);
    }

    @Test
    void theLinkDiesWithItsCodeAndAGuessedSecretGetsNothing() {
        String email = UniqueNames.of("lino") + "@example.org";
        String token = askedForACode(email);
        String first = linkIn(awaitMail(email, 3));
        askAgain(token);
        String second = linkIn(awaitMail(email, 4));

        visitor.get(second);
        assertThat(visitor.postForBytes(first, Map.of()).statusCode())
                .as("the link of a replaced code")
                .isEqualTo(410);
        String guessed = second.substring(0, second.lastIndexOf('/') + 1) + "A".repeat(43);
        assertThat(visitor.get(guessed).statusCode()).isEqualTo(410);
        assertThat(visitor.postForBytes(guessed, Map.of()).statusCode()).isEqualTo(410);
        assertThat(audited(tenant, "request.package.downloaded")).isEmpty();

        String code = awaitCode(email, 4);
        visitor.get(path("/download/" + token + "?sent"));
        assertThat(visitor.postForBytes(path("/download/" + token), Map.of("code", code))
                        .statusCode())
                .isEqualTo(200);
        visitor.get(path("/download/" + token));
        assertThat(visitor.postForBytes(second, Map.of()).statusCode())
                .as("the link of a code used")
                .isEqualTo(410);
        assertThat(audited(tenant, "request.package.downloaded")).hasSize(1);
    }
}
