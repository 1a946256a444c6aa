package dev.lethe.ui.portal;

import dev.lethe.catalog.tenant.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What every portal page's layout needs (the tenant's name, page settings, languages), for the portal's
 * controllers beside {@link PortalController}, and the base of links put in mails.
 */
final class PortalShell {

    private PortalShell() {}

    static void fill(Tenant tenant, PortalProperties properties, HttpServletRequest http, Model model) {
        model.addAttribute("slug", tenant.slug());
        model.addAttribute("organisation", organisation(tenant, properties));
        model.addAttribute("page", properties.pageOf(tenant.slug()));
        model.addAttribute("selfPath", http.getRequestURI());
        model.addAttribute("lang", RequestContextUtils.getLocale(http).getLanguage());
        model.addAttribute("languages", PortalLanguages.SUPPORTED);
    }

    static String organisation(Tenant tenant, PortalProperties properties) {
        String name = properties.pageOf(tenant.slug()).name();
        return name.isBlank() ? tenant.name() : name;
    }

    /** Where people reach Lethe: {@code lethe.portal.public-url}, else the host of the request being served. */
    static String baseUrl(PortalProperties properties) {
        String configured = properties.publicUrl();
        if (!configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
