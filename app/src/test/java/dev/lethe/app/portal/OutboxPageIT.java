package dev.lethe.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The outbox page with an embedded SMTP server (as with {@code ./lethe up}): an ADMIN reads the portal's
 * mails there, with their codes; everyone else gets 403.
 */
class OutboxPageIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    @Test
    void anAdminReadsTheMailsAndNobodyElseDoes() {
        Tenant tenant = tenants.create(UniqueNames.of("outbox"), "Outbox test");
        String email = UniqueNames.of("olga") + "@example.org";
        file(visitorOfItsOwn(), tenant, "erasure", email);
        String code = awaitCode(email, 1);
        People people = people();

        WebClient admin = People.signIn(port, people.create(tenant, "Ada Admin", Role.ADMIN));
        HttpResponse<String> page = admin.get("/admin/outbox");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(page.body()).contains(email).contains(code).contains("Your code for your privacy request");
        assertThat(page.body()).contains("/verify/").contains("/link/");
        for (Role role : new Role[] {Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR}) {
            WebClient other = People.signIn(port, people.create(tenant, "Someone " + role, role));
            HttpResponse<String> refused = other.get("/admin/outbox");
            assertThat(refused.statusCode()).as(role.name()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain(code);
        }
        HttpResponse<String> anonymous = new WebClient(port).get("/admin/outbox");
        assertThat(anonymous.statusCode()).isNotEqualTo(200);
        assertThat(anonymous.body()).doesNotContain(code);
    }
}
