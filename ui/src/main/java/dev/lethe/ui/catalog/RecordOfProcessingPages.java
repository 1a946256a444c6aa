package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.ropa.RecordOfProcessing;
import dev.lethe.catalog.ropa.RecordsOfProcessing;
import dev.lethe.catalog.ropa.RopaCsv;
import dev.lethe.catalog.ropa.RopaHtml;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.security.SecurityHeaders;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The record of processing (GDPR Art. 30) as a page for every role, and its downloads: the CSV and the
 * printable HTML the API renders ({@code /api/v1/ropa?format=}), here as attachments. The downloads
 * return a {@link ResponseEntity} without {@code @ResponseBody}, which keeps them out of the API's
 * OpenAPI description: they are pages' links, not API operations.
 */
@Controller
@WebPage
@PageAccess(read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR})
class RecordOfProcessingPages {

    private final RecordsOfProcessing records;

    RecordOfProcessingPages(RecordsOfProcessing records) {
        this.records = records;
    }

    @GetMapping("/record-of-processing")
    String page(LetheAuthentication person, Model model) {
        model.addAttribute("record", records.generate(person.tenantId()));
        return "ropa/ropa";
    }

    @GetMapping("/record-of-processing.csv")
    ResponseEntity<String> csv(LetheAuthentication person) {
        RecordOfProcessing record = records.generate(person.tenantId());
        return download("record-of-processing.csv", new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(RopaCsv.render(record));
    }

    @GetMapping("/record-of-processing.html")
    ResponseEntity<String> html(LetheAuthentication person) {
        RecordOfProcessing record = records.generate(person.tenantId());
        return download("record-of-processing.html", new MediaType("text", "html", StandardCharsets.UTF_8))
                // The printable document carries its own styles; it runs nothing.
                .header("Content-Security-Policy", SecurityHeaders.DOCUMENT_POLICY)
                .body(RopaHtml.render(record));
    }

    private static ResponseEntity.BodyBuilder download(String filename, MediaType type) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString());
    }
}
