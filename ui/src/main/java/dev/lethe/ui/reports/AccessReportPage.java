package dev.lethe.ui.reports;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.PageTimes;
import dev.lethe.ui.shell.WebPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "access to personal data" report as a page of the audit log, and as CSV: who detokenized values,
 * downloaded export packages, located subjects, verified identities, how often, for which purposes.
 */
@Controller
@WebPage
@PageAccess(read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.AUDITOR})
class AccessReportPage {

    /** The range as typed: days (UTC), both included; blank means the last 30 days. */
    record Range(String from, String to) {

        Instant start() {
            return blank(from) ? end().minus(ReportsController.DEFAULT_RANGE) : day(from, "from", 0);
        }

        Instant end() {
            return blank(to)
                    ? LocalDate.now(ZoneOffset.UTC)
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                    : day(to, "to", 1);
        }

        private static Instant day(String value, String name, int plusDays) {
            try {
                return LocalDate.parse(value.strip())
                        .plusDays(plusDays)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("“" + name + "” must be a date such as 2026-12-01");
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** A line as the table shows it. */
    record Row(
            String principal,
            String name,
            String access,
            long times,
            long values,
            String purposes,
            long requests,
            String first,
            String last) {

        static Row of(PersonalDataAccess.Line line) {
            return new Row(
                    line.principalKind() + ":" + line.principalId(),
                    line.principalName(),
                    line.access(),
                    line.times(),
                    line.values(),
                    String.join(", ", line.purposes()),
                    line.requests(),
                    PageTimes.format(line.first()),
                    PageTimes.format(line.last()));
        }
    }

    private final PersonalDataAccess access;

    AccessReportPage(PersonalDataAccess access) {
        this.access = access;
    }

    @GetMapping("/audit/access-report")
    String page(
            LetheAuthentication person,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        Range range = new Range(from, to);
        model.addAttribute("range", range);
        List<Row> rows;
        try {
            rows = access.report(person.tenantId(), range.start(), range.end()).stream()
                    .map(Row::of)
                    .toList();
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            rows = List.of();
        }
        model.addAttribute("rows", rows);
        return "audit/access-report";
    }

    @GetMapping("/audit/access-report.csv")
    ResponseEntity<byte[]> csv(
            LetheAuthentication person,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Range range = new Range(from, to);
        List<PersonalDataAccess.Line> lines;
        try {
            lines = access.report(person.tenantId(), range.start(), range.end());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder csv = new StringBuilder(
                "principal_kind,principal_id,principal_name,action,access,times,values,purposes,requests,first,last\r\n");
        for (PersonalDataAccess.Line line : lines) {
            csv.append(List.of(
                                    line.principalKind(),
                                    line.principalId(),
                                    line.principalName(),
                                    line.action(),
                                    line.access(),
                                    Long.toString(line.times()),
                                    Long.toString(line.values()),
                                    String.join(";", line.purposes()),
                                    Long.toString(line.requests()),
                                    line.first().toString(),
                                    line.last().toString())
                            .stream()
                            .map(AccessReportPage::cell)
                            .collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("personal-data-access.csv")
                                .build()
                                .toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A CSV cell, quoted when needed; a leading =, +, - or @ is defused so a spreadsheet shows it as text. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
