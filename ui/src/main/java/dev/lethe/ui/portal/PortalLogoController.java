package dev.lethe.ui.portal;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The organisation's logo for the tenant's portal pages ({@link PortalLogos}); 404 when it has none. */
@Controller
@WebPage
@OpenPage
class PortalLogoController {

    private final PortalRequests requests;
    private final PortalLogos logos;

    PortalLogoController(PortalRequests requests, PortalLogos logos) {
        this.requests = requests;
        this.logos = logos;
    }

    @GetMapping("/privacy/{tenant}/logo")
    ResponseEntity<byte[]> logo(@PathVariable("tenant") String slug) {
        Tenant tenant = requests.tenant(slug).orElse(null);
        PortalLogos.Logo logo = tenant == null ? null : logos.of(tenant.slug()).orElse(null);
        if (logo == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(logo.mediaType()))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .header("X-Content-Type-Options", "nosniff")
                .body(logo.bytes());
    }
}
