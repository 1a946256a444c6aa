package dev.lethe.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without an embedded SMTP server (a real relay, or none) the outbox page does not exist, even for an ADMIN. */
class OutboxAbsentIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    @Test
    void theOutboxIsNotFoundWithoutAnEmbeddedServer() {
        Tenant tenant = tenants.create(UniqueNames.of("no-outbox"), "No outbox");
        People people = people();

        HttpResponse<String> page = People.signIn(port, people.create(tenant, "Ada Admin", Role.ADMIN))
                .get("/admin/outbox");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(People.signIn(port, people.create(tenant, "Otto Officer", Role.PRIVACY_OFFICER))
                        .get("/admin/outbox")
                        .statusCode())
                .isEqualTo(403);
    }
}
