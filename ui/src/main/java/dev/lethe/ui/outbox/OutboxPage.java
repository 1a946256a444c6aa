package dev.lethe.ui.outbox;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.PageTimes;
import dev.lethe.ui.shell.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The embedded SMTP server's mails, for ADMINs ({@code /admin/outbox}): with {@code ./lethe up} the portal's codes
 * and links go to an SMTP server inside Lethe, and this page shows what it received, so the whole portal journey
 * can be tried on one machine. The mails hold codes and e-mail addresses: only ADMIN sees them, the page is not
 * cached, and without an embedded server (production) the page does not exist (404).
 */
@Controller
@WebPage
@PageAccess(read = Role.ADMIN)
class OutboxPage {

    /** How many mails the page shows at most. */
    static final int SHOWN = 200;

    /** A mail as a row of the page. */
    record Row(String received, String to, String subject, String body) {}

    private final ObjectProvider<Outbox> outbox;

    OutboxPage(ObjectProvider<Outbox> outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/admin/outbox")
    ModelAndView page(HttpServletResponse response) {
        Outbox server = outbox.getIfAvailable();
        if (server == null) {
            ModelAndView missing = new ModelAndView("error", HttpStatus.NOT_FOUND);
            missing.addObject("status", 404);
            return missing;
        }
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        List<Row> rows = server.received().stream()
                .limit(SHOWN)
                .map(mail -> new Row(PageTimes.format(mail.received()), mail.to(), mail.subject(), mail.body()))
                .toList();
        return new ModelAndView("admin/outbox").addObject("mails", rows);
    }
}
