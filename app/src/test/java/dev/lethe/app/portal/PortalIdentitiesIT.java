package dev.lethe.app.portal;

import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.request.RequestStore;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The identities a tenant's form asks for besides the e-mail address ({@code lethe.portal.tenants.<slug>.identities},
 * set in {@link PortalTestBase}): shown with their labels in the person's language, checked and size-limited
 * with a message beside the field (and then nothing is filed or mailed), and kept with the request under
 * their identity types for the connectors and the officers.
 */
class PortalIdentitiesIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RequestStore store;

    private Tenant tenant;
    private PortalVisitor visitor;

    @BeforeEach
    void tenantAndVisitor() {
        tenant = tenants.findBySlug(IDENTITIES_SLUG).orElseGet(() -> tenants.create(IDENTITIES_SLUG, "Loyal Shop"));
        visitor = visitorOfItsOwn();
    }

    private String path(String rest) {
        return "/privacy/" + tenant.slug() + rest;
    }

    private static String email() {
        return UniqueNames.of("ida") + "@example.org";
    }

    private int requestsOfTheTenant() {
        return owner().fetchCount(REQUEST, REQUEST.TENANT_ID.eq(tenant.id()));
    }

    @Test
    void theFormShowsExactlyTheTenantsIdentitiesInThePersonsLanguage() {
        HttpResponse<String> english = visitor.get(path("/new/access"), "en");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body())
                .contains("name=\"email\"", "name=\"customer-number\"", "name=\"loyalty-card\"", "name=\"member-id\"")
                .contains(">Customer number<", ">Loyalty card number (optional)<", ">Club member number (optional)<")
                .contains("maxlength=\"8\"", "maxlength=\"16\"")
                .doesNotContain("name=\"phone\"");

        HttpResponse<String> german = visitor.get(path("/new/access"), "de");
        assertThat(german.body())
                .contains(
                        ">Kundennummer<",
                        ">Nummer der Kundenkarte (freiwillig)<",
                        ">Mitgliedsnummer im Club (freiwillig)<");

        Tenant plain = tenants.create(UniqueNames.of("portal-plain"), "Plain");
        HttpResponse<String> other = visitor.get("/privacy/" + plain.slug() + "/new/access", "en");
        assertThat(other.body())
                .as("a tenant without identities of its own asks for the phone number")
                .contains("name=\"phone\"", ">Phone number (optional)<")
                .doesNotContain("customer-number", "loyalty-card");
    }

    @Test
    void aMissingInvalidOrOversizedIdentityIsRefusedBesideTheFieldAndNothingIsFiled() {
        String email = email();
        String form = path("/new/access");
        int before = requestsOfTheTenant();
        visitor.get(form);

        HttpResponse<String> missing = visitor.post(form, Map.of("email", email));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("id=\"customer-number-error\"").contains("Enter this value.");

        HttpResponse<String> invalid = visitor.post(form, Map.of("email", email, "customer-number", "12345678"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"customer-number-error\"").contains("at most 8 characters");

        // From a second address: every post, refused or not, counts against the address's filings.
        PortalVisitor second = visitorOfItsOwn();
        second.get(form);
        HttpResponse<String> oversized = second.post(
                form, Map.of("email", email, "customer-number", "AB123456", "loyalty-card", "7".repeat(5000)));
        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(oversized.body())
                .contains("id=\"loyalty-card-error\"")
                .contains("at most 16 characters")
                .doesNotContain("id=\"customer-number-error\"");

        HttpResponse<String> control =
                second.post(form, Map.of("email", email, "customer-number", "AB123456", "member-id", "12\u000734"));
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(control.body()).contains("id=\"member-id-error\"");

        assertThat(mailsTo(email)).as("no code mailed: nothing was filed").isEmpty();
        assertThat(requestsOfTheTenant()).as("nothing filed").isEqualTo(before);
    }

    @Test
    void acceptedIdentitiesAreKeptWithTheRequestUnderTheirTypes() throws Exception {
        String email = email();
        String form = path("/new/access");
        visitor.get(form);
        HttpResponse<String> filed = visitor.post(
                form,
                Map.of(
                        "email", email,
                        "customer-number", "AB123456",
                        "loyalty-card", "LC 0099",
                        "phone", "+49 30 1234567"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        UUID request = requestOf(tokenOf(filed));

        Identities kept = as(tenant.id(), () -> store.identities(tenant.id(), request));
        assertThat(kept.values())
                .as("the accepted identities, and nothing the form does not ask for")
                .isEqualTo(Map.of(
                        "email",
                        email.toLowerCase(java.util.Locale.ROOT),
                        "customer_number",
                        "AB123456",
                        "loyalty_card",
                        "LC 0099"));

        String officerKey = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(
                        tenant.id(),
                        "officer-" + UUID.randomUUID(),
                        officerKey,
                        Set.of(Role.PRIVACY_OFFICER),
                        Scope.all()));
        HttpResponse<String> seen = get("/api/v1/requests/" + request, officerKey);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body())
                .contains("\"customer_number\"", "\"loyalty_card\"")
                .doesNotContain("AB123456", "LC 0099");
    }
}
