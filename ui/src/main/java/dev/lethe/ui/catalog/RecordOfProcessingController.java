package dev.lethe.ui.catalog;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.ropa.RecordOfProcessing;
import dev.lethe.catalog.ropa.RecordsOfProcessing;
import dev.lethe.catalog.ropa.RopaCsv;
import dev.lethe.catalog.ropa.RopaHtml;
import dev.lethe.catalog.ropa.RopaPlainText;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.security.SecurityHeaders;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The record of processing (GDPR Art. 30), generated from the catalog on every request, for every
 * role of the tenant: {@code ?format=json} (default), {@code csv}, {@code html} (printable) or {@code
 * text}. Each shows, per dataset, the retention policy that governs it and when a retention run last
 * enforced it; in CSV that is a table of its own, {@code ?format=csv&section=retention}.
 */
@RestController
class RecordOfProcessingController {

    private final RecordsOfProcessing records;

    RecordOfProcessingController(RecordsOfProcessing records) {
        this.records = records;
    }

    @GetMapping({"/api/v1/catalog/record-of-processing", "/api/v1/ropa"})
    ResponseEntity<?> get(
            Authentication auth,
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(defaultValue = "activities") String section) {
        if (!section.equals("activities") && !section.equals("retention")) {
            throw new InvalidInputException("section must be activities or retention");
        }
        RecordOfProcessing record = records.generate(Caller.tenant(auth));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        return switch (format) {
            case "json" -> response.contentType(MediaType.APPLICATION_JSON).body(record);
            case "csv" ->
                response.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"record-of-processing"
                                        + (section.equals("retention") ? "-retention" : "") + ".csv\"")
                        .body(section.equals("retention") ? RopaCsv.renderRetention(record) : RopaCsv.render(record));
            case "html" ->
                response.contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                        .header("Content-Security-Policy", SecurityHeaders.DOCUMENT_POLICY)
                        .body(RopaHtml.render(record));
            case "text" ->
                response.contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                        .body(RopaPlainText.render(record));
            default -> throw new InvalidInputException("format must be json, csv, html or text");
        };
    }
}
