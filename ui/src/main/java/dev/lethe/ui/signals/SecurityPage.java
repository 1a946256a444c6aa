package dev.lethe.ui.signals;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.PageTimes;
import dev.lethe.ui.shell.WebPage;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security signals page for ADMINs: the tenant's recent signals (detokenization volume, sign-in
 * failure bursts, API keys from new addresses), newest first, and acknowledging one (an audit entry).
 */
@Controller
@WebPage
@PageAccess(read = Role.ADMIN, write = Role.ADMIN)
class SecurityPage {

    static final int SHOWN = 100;

    /** A signal as a row of the table. */
    record SignalRow(
            long seq, String raised, String type, String principal, String facts, boolean acknowledged, String by) {

        static SignalRow of(SecuritySignals.Signal signal) {
            return new SignalRow(
                    signal.seq(),
                    PageTimes.format(signal.raisedAt()),
                    signal.type().label(),
                    signal.principal(),
                    signal.details().entrySet().stream()
                            .map(fact -> fact.getKey() + "=" + fact.getValue())
                            .collect(Collectors.joining(", ")),
                    signal.acknowledged(),
                    signal.acknowledged()
                            ? signal.acknowledgedBy() + ", " + PageTimes.format(signal.acknowledgedAt())
                            : "");
        }
    }

    private final SecuritySignals signals;

    SecurityPage(SecuritySignals signals) {
        this.signals = signals;
    }

    @GetMapping("/admin/security")
    String page(LetheAuthentication person, Model model) {
        model.addAttribute(
                "signals",
                signals.recent(person.tenantId(), SHOWN).stream()
                        .map(SignalRow::of)
                        .toList());
        return "admin/security";
    }

    @PostMapping("/admin/security/signals/{seq}/acknowledge")
    String acknowledge(LetheAuthentication person, @PathVariable long seq, RedirectAttributes redirect) {
        boolean done =
                signals.acknowledge(person.tenantId(), seq, person.actor()).isPresent();
        redirect.addFlashAttribute(
                done ? "message" : "error",
                done ? "Signal " + seq + " acknowledged." : "There is no unacknowledged signal " + seq + ".");
        return "redirect:/admin/security";
    }
}
