package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.receipt.ErasureReceipt;
import dev.lethe.workflows.receipt.Receipts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Downloading a completed access or export package on the portal: only after a fresh code mailed to the
 * request's address, once per code, never with another request's token, never before the request is done,
 * audited without the person in the entry; and the erasure's completion notice on the status page.
 */
class PortalDownloadIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    @Autowired
    Receipts receipts;

    private Tenant tenant;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantAndVisitor() {
        tenant = tenants.create(UniqueNames.of("portal-dl"), "Download test");
        visitor = visitorOfItsOwn();
    }

    private static String email() {
        return UniqueNames.of("dora") + "@example.org";
    }

    private String path(String rest) {
        return "/privacy/" + tenant.slug() + rest;
    }

    /** A verified access request, completed with a package holding {@code value}; returns its token. */
    private String completedAccess(String email, String value) {
        String token = fileAndVerify(visitor, tenant, "access", email);
        completeWithPackage(tenant, requestOf(token), "ACCESS", value);
        return token;
    }

    /** Asks for a download code on the download page; returns the answer to the request. */
    private HttpResponse<String> askForCode(String token) {
        visitor.get(path("/download/" + token));
        return visitor.post(path("/download/" + token + "/send"), Map.of());
    }

    private HttpResponse<byte[]> enter(String token, String code) {
        visitor.get(path("/download/" + token + "?sent"));
        return visitor.postForBytes(path("/download/" + token), Map.of("code", code));
    }

    @Test
    void theRightFreshCodeDownloadsThePackageOnceAndTheDownloadIsAudited() throws Exception {
        String email = email();
        String token = completedAccess(email, "note-" + UUID.randomUUID());

        HttpResponse<String> status = visitor.get(path("/status/" + token));
        assertThat(status.body()).contains("id=\"download\"").contains(path("/download/" + token));
        assertThat(status.body()).doesNotContain(email);
        HttpResponse<String> asked = askForCode(token);
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location").orElseThrow()).endsWith("/download/" + token + "?sent");
        // Mail 1 the verification code, mail 2 the status link, mail 3 the download code.
        String mail = awaitMail(email, 3);
        assertThat(mail).contains("download");
        String code = awaitCode(email, 3);

        HttpResponse<byte[]> download = enter(token, code);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("your-data.zip")
                .doesNotContain(requestOf(token).toString());
        assertThat(download.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        Map<String, String> files = unzip(download.body());
        assertThat(files).containsKey("report.html");
        assertThat(String.join("\n", files.values())).contains("note-");
        List<String> audited = audited(tenant, "request.package.downloaded");
        assertThat(audited).hasSize(1);
        assertThat(audited.getFirst())
                .contains("portal")
                .contains("request:" + requestOf(token))
                .containsPattern("\"via\":\\s*\"portal\"")
                .doesNotContain(email)
                .doesNotContain(code)
                .doesNotContain(token);

        HttpResponse<byte[]> again = enter(token, code);
        assertThat(again.statusCode()).as("a code downloads once").isEqualTo(410);
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("id=\"download-error\"");
        assertThat(audited(tenant, "request.package.downloaded")).hasSize(1);
    }

    @Test
    void wrongCodesAreRefusedAndTheLastOneUsesTheCodeUp() {
        String email = email();
        String token = completedAccess(email, "x");
        askForCode(token);
        String code = awaitCode(email, 3);
        String wrong = "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);

        HttpResponse<byte[]> first = enter(token, wrong);
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("That code is not right");
        assertThat(enter(token, wrong).statusCode()).isEqualTo(400);
        assertThat(enter(token, "12ab56").statusCode()).isEqualTo(400);

        assertThat(enter(token, code).statusCode())
                .as("used up after three wrong codes")
                .isEqualTo(410);
        assertThat(audited(tenant, "request.package.downloaded")).isEmpty();

        askForCode(token);
        assertThat(enter(token, awaitCode(email, 4)).statusCode())
                .as("a new code works")
                .isEqualTo(200);
    }

    @Test
    void anExpiredCodeIsRefused() {
        String email = email();
        String token = completedAccess(email, "x");
        askForCode(token);
        String code = awaitCode(email, 3);
        owner().update(PORTAL_REQUEST)
                .set(
                        PORTAL_REQUEST.DOWNLOAD_CODE_EXPIRES_AT,
                        OffsetDateTime.now().minusSeconds(1))
                .where(PORTAL_REQUEST.REQUEST_ID.eq(requestOf(token)))
                .execute();

        HttpResponse<byte[]> late = enter(token, code);

        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(new String(late.body(), StandardCharsets.UTF_8)).contains("That code no longer works");
        assertThat(audited(tenant, "request.package.downloaded")).isEmpty();
    }

    @Test
    void withoutAFreshCodeNothingIsDownloaded() {
        String email = email();
        String token = completedAccess(email, "x");
        String verificationCode = awaitCode(email, 1);

        assertThat(enter(token, verificationCode).statusCode())
                .as("no download code was sent: the verification code does not open it")
                .isEqualTo(410);
        askForCode(token);
        assertThat(enter(token, verificationCode).statusCode())
                .as("a code from another mail is a wrong code")
                .isEqualTo(400);
        assertThat(audited(tenant, "request.package.downloaded")).isEmpty();
    }

    @Test
    void anotherRequestsCodeDoesNotOpenAPackageAndUnfinishedRequestsOfferNone() {
        String mine = email();
        String theirs = email();
        String myToken = completedAccess(mine, "mine");
        String theirToken = completedAccess(theirs, "theirs");
        askForCode(theirToken);
        String theirCode = awaitCode(theirs, 3);

        assertThat(enter(myToken, theirCode).statusCode())
                .as("no code was sent for mine")
                .isEqualTo(410);
        askForCode(myToken);
        assertThat(enter(myToken, theirCode).statusCode()).isEqualTo(400);

        String open = fileAndVerify(visitor, tenant, "access", email());
        assertThat(visitor.get(path("/status/" + open)).body()).doesNotContain("id=\"download\"");
        assertThat(visitor.get(path("/download/" + open)).statusCode()).isEqualTo(404);
        assertThat(visitor.post(path("/download/" + open + "/send"), Map.of()).statusCode())
                .isEqualTo(404);
        String erasure = fileAndVerify(visitor, tenant, "erasure", email());
        complete(requestOf(erasure));
        assertThat(visitor.get(path("/download/" + erasure)).statusCode()).isEqualTo(404);
        assertThat(visitor.get(path("/download/" + "A".repeat(43))).statusCode())
                .isEqualTo(404);
        Tenant other = tenants.create(UniqueNames.of("portal-dl-other"), "Other");
        assertThat(visitor.get("/privacy/" + other.slug() + "/download/" + myToken)
                        .statusCode())
                .as("another tenant's path")
                .isEqualTo(404);
        assertThat(audited(tenant, "request.package.downloaded")).isEmpty();
    }

    @Test
    void theErasuresStatusPageSummarisesItsReceipt() {
        String email = email();
        String token = fileAndVerify(visitor, tenant, "erasure", email);
        UUID request = requestOf(token);
        assertThat(visitor.get(path("/status/" + token)).body()).doesNotContain("id=\"erasure\"");
        as(
                tenant.id(),
                () -> receipts.issue(
                        new ErasureReceipt(
                                UUID.randomUUID(),
                                request,
                                tenant.id(),
                                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                                "GDPR",
                                Map.of("email", "hash-of-the-address"),
                                List.of(
                                        new ErasureReceipt.SystemResult(
                                                "shop",
                                                List.of(
                                                        new ErasureReceipt.DatasetResult(
                                                                "customers", 3, 3, 0, null, 0, null, 0L),
                                                        new ErasureReceipt.DatasetResult(
                                                                "invoices",
                                                                2,
                                                                0,
                                                                2,
                                                                "tax law: kept 10 years",
                                                                0,
                                                                null,
                                                                0L)),
                                                List.of()),
                                        new ErasureReceipt.SystemResult(
                                                "crm", List.of(), List.of("skipped: connection down")))),
                        Actor.system("requests")));
        complete(request);

        String page = visitor.get(path("/status/" + token)).body();

        assertThat(page).contains("id=\"erasure\"").contains("What we erased");
        assertThat(page).contains("customers").contains("invoices").contains("tax law: kept 10 years");
        assertThat(page).contains("id=\"erasure-exceptions\"").doesNotContain("connection down");
        assertThat(page)
                .doesNotContain("hash-of-the-address")
                .doesNotContain(email)
                .doesNotContain(request.toString());
        assertThat(page).doesNotContain("id=\"download\"");
        assertThat(visitor.get(path("/status/" + token), "de").body()).contains("Was wir gelöscht haben");
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (var entries = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
