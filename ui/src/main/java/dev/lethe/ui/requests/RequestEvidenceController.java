package dev.lethe.ui.requests;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.ui.api.Caller;
import dev.lethe.workflows.packages.PackageLinks;
import dev.lethe.workflows.packages.PackageLinks.Redemption;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.packages.StoredPackage;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.receipt.SignedReceipt;
import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The evidence of a request: its access/export package (streamed to PRIVACY_OFFICER and ADMIN, or
 * through an expiring link that needs no API key) and its signed erasure receipt (for officers and
 * AUDITOR). Every download is audited.
 */
@RestController
class RequestEvidenceController {

    /** Who may read a receipt: the officers, and the auditors who check them. */
    static final Set<Role> RECEIPT_READERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR);

    private final RequestPackages packages;
    private final PackageLinks links;
    private final Receipts receipts;
    private final EvidenceApiSettings settings;

    RequestEvidenceController(
            RequestPackages packages, PackageLinks links, Receipts receipts, EvidenceApiSettings settings) {
        this.packages = packages;
        this.links = links;
        this.receipts = receipts;
        this.settings = settings;
    }

    /** What an officer passes on to the subject: a link to download the package, until it expires. */
    record LinkView(String url, Instant expiresAt) {}

    @GetMapping("/api/v1/requests/{id}/package")
    ResponseEntity<StreamingResponseBody> download(Authentication auth, @PathVariable UUID id) {
        Editor officer = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        StoredPackage stored = packages.latest(officer.tenantId(), id).orElseThrow(EvidenceProblem::noPackage);
        InputStream zip = packages.open(stored);
        packages.recordDownload(stored, officer.actor());
        return zip(stored, zip);
    }

    @PostMapping("/api/v1/requests/{id}/package/link")
    ResponseEntity<LinkView> link(Authentication auth, @PathVariable UUID id) {
        Editor officer = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        StoredPackage stored = packages.latest(officer.tenantId(), id).orElseThrow(EvidenceProblem::noPackage);
        var link = links.issue(stored, officer.actor(), settings.linkTtl());
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new LinkView("/api/v1/packages/" + link.token(), link.expiresAt()));
    }

    /** No API key: the token is the credential. Unknown → 404, expired (link or package) → 410. */
    @GetMapping("/api/v1/packages/{token}")
    ResponseEntity<StreamingResponseBody> redeem(@PathVariable String token) {
        return switch (links.redeem(token)) {
            case Redemption.Found found -> zip(found.stored(), packages.open(found.stored()));
            case Redemption.Expired expired -> throw EvidenceProblem.expiredLink();
            case Redemption.Unknown unknown -> throw EvidenceProblem.unknownLink();
        };
    }

    /** The signed receipt document, as {@code ./lethe receipt verify} checks it. */
    @GetMapping(path = "/api/v1/requests/{id}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    String receipt(Authentication auth, @PathVariable UUID id) {
        Editor reader = Caller.editor(auth, RECEIPT_READERS);
        return receipts.find(reader.tenantId(), id)
                .map(SignedReceipt::toDocument)
                .orElseThrow(EvidenceProblem::noReceipt);
    }

    /** The public half of the key that signed the receipt (PEM), for checking it offline. */
    @GetMapping(path = "/api/v1/requests/{id}/receipt/public-key", produces = "application/x-pem-file")
    String publicKey(Authentication auth, @PathVariable UUID id) {
        Editor reader = Caller.editor(auth, RECEIPT_READERS);
        SignedReceipt receipt = receipts.find(reader.tenantId(), id).orElseThrow(EvidenceProblem::noReceipt);
        var key = receipts.publicKey(receipt.keyId()).orElseThrow(EvidenceProblem::unknownKey);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The package as a ZIP download (also from the request's page). */
    static ResponseEntity<StreamingResponseBody> zip(StoredPackage stored, InputStream zip) {
        StreamingResponseBody body = out -> {
            try (zip) {
                zip.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("request-" + stored.requestId() + ".zip")
                                .build()
                                .toString())
                .header("X-Content-SHA256", stored.sha256())
                .contentLength(stored.size())
                .cacheControl(CacheControl.noStore())
                .body(body);
    }
}
