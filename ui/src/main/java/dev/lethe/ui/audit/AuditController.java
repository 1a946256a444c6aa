package dev.lethe.ui.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.ChainVerification;
import dev.lethe.catalog.audit.CheckpointAnchors;
import dev.lethe.ui.security.LetheAuthentication;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's audit trail and the proof that it is intact, for auditors and privacy officers. */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('AUDITOR', 'PRIVACY_OFFICER', 'ADMIN')")
class AuditController {

    /** One page, newest first; {@code next} is the {@code before} of the following page. */
    record AuditPage(List<EntryView> entries, Long next) {}

    record EntryView(
            long seq,
            Instant recordedAt,
            String actorKind,
            String actorId,
            String action,
            String target,
            Map<String, String> details,
            String previousHash,
            String hash) {

        static EntryView of(AuditEntry entry) {
            return new EntryView(
                    entry.seq(),
                    entry.recordedAt(),
                    entry.actor().kind().name(),
                    entry.actor().id(),
                    entry.action(),
                    entry.target(),
                    entry.details(),
                    entry.previousHash(),
                    entry.hash());
        }
    }

    private final AuditTrail trail;
    private final CheckpointAnchors anchors;

    AuditController(AuditTrail trail, CheckpointAnchors anchors) {
        this.trail = trail;
        this.anchors = anchors;
    }

    @GetMapping
    AuditPage page(
            LetheAuthentication caller,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        var query = new AuditQuery(from, to, actor, action, target, before, limit);
        List<AuditEntry> entries = trail.page(caller.tenantId(), query);
        Long next = entries.size() == limit && entries.getLast().seq() > 1
                ? entries.getLast().seq()
                : null;
        return new AuditPage(entries.stream().map(EntryView::of).toList(), next);
    }

    /**
     * {@code {"intact":true,"entries":N,"head":"…","outcome":"intact","anchors":"checked","anchoredSeq":K}},
     * or {@code {"intact":false,"firstBrokenSeq":K,"reason":"…","outcome":"broken",…}}, or, when nothing
     * could be proven, {@code "outcome":"unreadable"} (rows hidden from the database role) or {@code
     * "unconfirmed"} (the anchors in Kafka could not be read), with a reason and no entry number.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerificationView(
            boolean intact,
            Long entries,
            String head,
            Long firstBrokenSeq,
            String reason,
            String outcome,
            String anchors,
            Long anchoredSeq) {

        static VerificationView of(ChainVerification verification) {
            return new VerificationView(
                    verification.intact(),
                    verification.intact() ? verification.entries() : null,
                    verification.head(),
                    verification.firstBrokenSeq(),
                    verification.reason(),
                    verification.outcome().name().toLowerCase(Locale.ROOT),
                    verification.anchors().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    verification.anchoredSeq());
        }
    }

    @GetMapping("/verify")
    VerificationView verify(LetheAuthentication caller) {
        return VerificationView.of(trail.verify(caller.tenantId(), anchors));
    }
}
