package dev.lethe.workflows.packages;

import static dev.lethe.workflows.packages.HtmlText.escape;

import dev.lethe.connectors.spi.Accessing.RecordSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The package's {@code report.html}: a page a person can read without tools. Per system and dataset
 * the records as a table, then the Art. 15(1) facts. Every value is escaped; the page has no script.
 */
final class PackageReport {

    private final UUID requestId;
    private final String requestType;
    private final Instant generatedAt;
    private final List<PackageAssembler.Contents> contents;
    private final Art15Facts facts;

    PackageReport(
            UUID requestId,
            String requestType,
            Instant generatedAt,
            List<PackageAssembler.Contents> contents,
            Art15Facts facts) {
        this.requestId = requestId;
        this.requestType = requestType;
        this.generatedAt = generatedAt;
        this.contents = contents;
        this.facts = facts;
    }

    /** @param records streams one dataset's records to the sink */
    void write(OutputStream out, BiConsumer<PackageAssembler.Contents, RecordSink> records) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>Your personal data</title>"
                + "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;"
                + "text-align:left;vertical-align:top}</style></head><body>\n");
        w.write("<h1>Your personal data</h1>\n<p>Request " + escape(requestId) + " (" + escape(requestType)
                + "), generated " + escape(generatedAt) + ".</p>\n");
        String system = null;
        for (PackageAssembler.Contents c : contents) {
            if (!c.system().equals(system)) {
                system = c.system();
                w.write("<h2>System: " + escape(system) + "</h2>\n");
            }
            w.write("<h3>" + escape(c.dataset()) + " (" + c.records() + " records)</h3>\n<table><thead><tr>");
            for (String key : c.keys()) {
                w.write("<th>" + escape(key) + "</th>");
            }
            w.write("</tr></thead><tbody>\n");
            records.accept(c, (dataset, record) -> {
                try {
                    w.write("<tr>");
                    for (String key : c.keys()) {
                        Object value = record.get(key);
                        w.write("<td>"
                                + escape(
                                        value instanceof Map || value instanceof List
                                                ? PackageAssembler.JSON.writeValueAsString(value)
                                                : value)
                                + "</td>");
                    }
                    w.write("</tr>\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.write("</tbody></table>\n");
        }
        if (contents.isEmpty()) {
            w.write("<p>No records about you were found.</p>\n");
        }
        writeFacts(w);
        w.write("</body></html>\n");
        w.flush();
    }

    private void writeFacts(Writer w) throws IOException {
        w.write("<h2>How your data is processed (GDPR Art. 15(1))</h2>\n");
        w.write("<h3>Purposes and legal basis</h3>\n");
        table(
                w,
                List.of("Activity", "Purpose", "Legal basis", "Data categories"),
                facts.purposes().stream()
                        .map(p -> List.of(
                                p.activity(), p.purpose(), p.legalBasis(), String.join(", ", p.dataCategories())))
                        .toList());
        w.write("<h3>Categories of personal data</h3>\n<p>" + escape(String.join(", ", facts.categories())) + "</p>\n");
        w.write("<h3>Recipients</h3>\n");
        table(
                w,
                List.of("Recipient", "Purpose", "Data categories", "Outside the EEA", "Country", "Safeguard"),
                facts.recipients().stream()
                        .map(r -> List.of(
                                r.recipient(),
                                r.purpose(),
                                String.join(", ", r.dataCategories()),
                                r.outsideEea() ? "yes" : "no",
                                r.country(),
                                r.safeguard() == null ? "" : r.safeguard()))
                        .toList());
        w.write("<h3>How long it is kept</h3>\n");
        table(
                w,
                List.of("Policy", "Applies to", "Period (ISO-8601)"),
                facts.retention().stream()
                        .map(r -> List.of(r.policy(), r.appliesTo(), r.period()))
                        .toList());
        w.write("<h3>Where it comes from</h3>\n");
        table(
                w,
                List.of("System", "Description", "Datasets"),
                facts.sources().stream()
                        .map(s -> List.of(s.system(), s.description(), String.join(", ", s.datasets())))
                        .toList());
    }

    private static void table(Writer w, List<String> header, List<List<String>> rows) throws IOException {
        if (rows.isEmpty()) {
            w.write("<p>None recorded.</p>\n");
            return;
        }
        w.write("<table><thead><tr>");
        for (String h : header) {
            w.write("<th>" + escape(h) + "</th>");
        }
        w.write("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            w.write("<tr>");
            for (String cell : row) {
                w.write("<td>" + escape(cell) + "</td>");
            }
            w.write("</tr>\n");
        }
        w.write("</tbody></table>\n");
    }
}
