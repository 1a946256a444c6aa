package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.request.RequestType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortalFormTest {

    private static final Set<String> CATEGORIES = Set.of("contact.address");
    private static final Set<String> PURPOSES = Set.of("marketing");

    private static PortalForm form(String email, String phone) {
        return new PortalForm(email, phone, "", "", "", false, false);
    }

    @Test
    void anEmailAddressIsRequiredAndSizeLimited() {
        assertThat(form("", "").problems(RequestType.ACCESS, CATEGORIES, PURPOSES))
                .containsEntry("email", "portal.error.email.required");
        assertThat(form("not-an-address", "").problems(RequestType.ACCESS, CATEGORIES, PURPOSES))
                .containsEntry("email", "portal.error.email.invalid");
        assertThat(form("a".repeat(250) + "@example.org", "").problems(RequestType.ACCESS, CATEGORIES, PURPOSES))
                .containsEntry("email", "portal.error.email.invalid");
        assertThat(form(" ann@example.org ", "+49 30 123456").problems(RequestType.ACCESS, CATEGORIES, PURPOSES))
                .isEmpty();
    }

    @Test
    void aPhoneNumberIsOptionalButChecked() {
        assertThat(form("ann@example.org", "call me").problems(RequestType.ERASURE, CATEGORIES, PURPOSES))
                .containsOnlyKeys("phone");
        assertThat(form("ann@example.org", "1".repeat(40)).problems(RequestType.ERASURE, CATEGORIES, PURPOSES))
                .containsOnlyKeys("phone");
    }

    @Test
    void aRectificationNeedsAKnownCategoryAndAValue() {
        PortalForm missing = new PortalForm("ann@example.org", "", "identity.religion", "", "", false, false);
        assertThat(missing.problems(RequestType.RECTIFICATION, CATEGORIES, PURPOSES))
                .containsOnlyKeys("correctionOf", "correction");

        PortalForm complete =
                new PortalForm("ann@example.org", "", "contact.address", "Sample Street 5", "", false, false);
        assertThat(complete.problems(RequestType.RECTIFICATION, CATEGORIES, PURPOSES))
                .isEmpty();
        assertThat(complete.corrections(RequestType.RECTIFICATION))
                .isEqualTo(Map.of("contact.address", "Sample Street 5"));
        assertThat(complete.corrections(RequestType.ERASURE)).isEmpty();
        assertThat(complete.toString()).doesNotContain("ann", "Sample");
    }

    @Test
    void anObjectionNeedsAKnownPurposeAndAnAgentTheDeclaration() {
        assertThat(new PortalForm("ann@example.org", "", "", "", "profiling", false, false)
                        .problems(RequestType.OBJECTION, CATEGORIES, PURPOSES))
                .containsOnlyKeys("purpose");
        assertThat(new PortalForm("ann@example.org", "", "", "", "", true, false)
                        .problems(RequestType.ACCESS, CATEGORIES, PURPOSES))
                .containsOnlyKeys("declaration", "agentName", "agentRelation");
    }

    @Test
    void anAgentGivesTheirNameAndAuthoritySizeLimited() {
        PortalForm agent = new PortalForm(
                "ann@example.org", Map.of(), "", "", "", true, true, "Bea Agent", "Mother; power of attorney");
        assertThat(agent.problems(RequestType.ACCESS, CATEGORIES, PURPOSES)).isEmpty();
        assertThat(agent.toString()).doesNotContain("Bea", "Mother");
        PortalForm tooLong =
                new PortalForm("ann@example.org", Map.of(), "", "", "", true, true, "B".repeat(201), "x".repeat(501));
        assertThat(tooLong.problems(RequestType.ACCESS, CATEGORIES, PURPOSES))
                .containsOnlyKeys("agentName", "agentRelation");
        PortalForm notAnAgent = new PortalForm("ann@example.org", Map.of(), "", "", "", false, false, "", "");
        assertThat(notAnAgent.problems(RequestType.ACCESS, CATEGORIES, PURPOSES))
                .isEmpty();
    }

    @Test
    void aTenantsIdentitiesAreCheckedByLengthFirstThenPattern() {
        Map<String, PortalProperties.Identity> accepted = new java.util.LinkedHashMap<>();
        accepted.put("customer-number", new PortalProperties.Identity(8, "[A-Z]{2}[0-9]{6}", true, Map.of()));
        accepted.put("loyalty-card", new PortalProperties.Identity(16, "", false, Map.of()));
        PortalForm none = new PortalForm("ann@example.org", Map.of(), "", "", "", false, false, "", "");
        assertThat(none.problems(RequestType.ACCESS, CATEGORIES, PURPOSES, accepted))
                .containsExactly(Map.entry("customer-number", "portal.error.identity.required"));
        PortalForm wrong = new PortalForm(
                "ann@example.org",
                Map.of("customer-number", "ab123456", "loyalty-card", "1".repeat(17)),
                "",
                "",
                "",
                false,
                false,
                "",
                "");
        assertThat(wrong.problems(RequestType.ACCESS, CATEGORIES, PURPOSES, accepted))
                .containsEntry("customer-number", "portal.error.identity.invalid")
                .containsEntry("loyalty-card", "portal.error.identity.invalid");
        PortalForm right = new PortalForm(
                "ann@example.org",
                Map.of("customer-number", " AB123456 ", "loyalty-card", ""),
                "",
                "",
                "",
                false,
                false,
                "",
                "");
        assertThat(right.problems(RequestType.ACCESS, CATEGORIES, PURPOSES, accepted))
                .isEmpty();
        assertThat(right.identities().values())
                .isEqualTo(Map.of("email", "ann@example.org", "customer_number", "AB123456"));
    }

    @Test
    void identitiesAreTheAddressInLowerCaseAndThePhoneIfGiven() {
        assertThat(form("Ann@Example.org", "").identities().values()).isEqualTo(Map.of("email", "ann@example.org"));
        assertThat(form("ann@example.org", "+49 30 123456").identities().values())
                .containsEntry("phone", "+49 30 123456");
    }
}
