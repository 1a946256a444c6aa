package dev.lethe.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The organisation's logo ({@code lethe.portal.logos.default} in these tests), served by Lethe itself. */
class PortalLogoIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    @Test
    void thePageShowsTheLogoThatLetheServesItself() throws Exception {
        Tenant tenant = tenants.create(UniqueNames.of("portal-logo"), "Logo test");
        PortalVisitor visitor = visitorOfItsOwn();

        String page = visitor.get("/privacy/" + tenant.slug()).body();
        HttpResponse<byte[]> logo = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/privacy/" + tenant.slug() + "/logo"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(page).contains("id=\"portal-logo\"").contains("src=\"/privacy/" + tenant.slug() + "/logo\"");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(logo.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(logo.body()).isEqualTo(Files.readAllBytes(LOGO));
        assertThat(visitor.get("/privacy/no-such-tenant-" + System.nanoTime() + "/logo")
                        .statusCode())
                .isEqualTo(404);
    }
}
