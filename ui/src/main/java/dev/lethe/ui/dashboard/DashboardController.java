package dev.lethe.ui.dashboard;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.requests.queue.RequestLabels;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import java.time.Clock;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /dashboard}: where privacy officers start: open requests by type and status, what is due
 * within 7 days or overdue (each a link into the filtered queue), requests received and closed per
 * week, and the median days to close. Read by officers, administrators and auditors.
 */
@Controller
@WebPage
@PageAccess(read = {Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR})
class DashboardController {

    private final DashboardFigures figures;
    private final Clock clock = Clock.systemUTC();

    DashboardController(DashboardFigures figures) {
        this.figures = figures;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        LetheAuthentication person =
                (LetheAuthentication) SecurityContextHolder.getContext().getAuthentication();
        Dashboard dashboard = figures.of(person.tenantId(), clock.instant());
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("chart", WeeklyChart.of(dashboard.weeks()));
        model.addAttribute("labels", RequestLabels.INSTANCE);
        return "dashboard/dashboard";
    }
}
