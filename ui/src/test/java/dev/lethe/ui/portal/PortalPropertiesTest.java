package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalPropertiesTest {

    private static final PortalProperties.Limits LIMITS =
            new PortalProperties.Limits(10, 3, 20, 5, 30, Duration.ofHours(1));
    private static final PortalProperties.Mail MAIL = new PortalProperties.Mail(
            "smtp.example.org", 587, "portal", "secret", true, false, "", "privacy@example.org");

    private static PortalProperties properties(
            PortalProperties.Page page, Map<String, PortalProperties.Page> tenants, Duration codeValidity) {
        return new PortalProperties(
                page, tenants, codeValidity, 3, Duration.ofHours(24), Duration.ofMinutes(5), "", LIMITS, MAIL);
    }

    @Test
    void aTenantsPageOverridesTheDefaultsFieldByField() {
        var properties = properties(
                new PortalProperties.Page("", "privacy@example.org", "https://example.org/privacy", "", Map.of()),
                Map.of("shop", new PortalProperties.Page("Example Shop", "", "", "LGPD", Map.of())),
                Duration.ofMinutes(10));

        assertThat(properties.pageOf("shop"))
                .isEqualTo(new PortalProperties.Page(
                        "Example Shop", "privacy@example.org", "https://example.org/privacy", "LGPD", Map.of()));
        assertThat(properties.pageOf("other").name()).isEmpty();
        assertThat(properties.pageOf("other").regulationOrDefault()).isEqualTo("GDPR");
    }

    @Test
    void badSettingsFailNamingTheProperty() {
        assertThatThrownBy(() -> properties(
                        new PortalProperties.Page("", "", "javascript:alert(1)", "", Map.of()),
                        Map.of(),
                        Duration.ofMinutes(10)))
                .hasMessageContaining("lethe.portal.page.privacy-notice-url");
        assertThatThrownBy(
                        () -> properties(new PortalProperties.Page("", "", "", "", Map.of()), Map.of(), Duration.ZERO))
                .hasMessageContaining("lethe.portal.code-validity");
    }

    @Test
    void aTenantsIdentitiesReplaceTheDefaultPhoneAndBadNamesFailNamingTheProperty() {
        var card = new PortalProperties.Identity(16, "[0-9]+", false, Map.of("en", "Card"));
        var properties = properties(
                new PortalProperties.Page("", "", "", "", Map.of()),
                Map.of("shop", new PortalProperties.Page("", "", "", "", Map.of("loyalty-card", card))),
                Duration.ofMinutes(10));
        assertThat(properties.pageOf("shop").identitiesOrDefault()).containsOnlyKeys("loyalty-card");
        assertThat(properties.pageOf("other").identitiesOrDefault()).containsOnlyKeys("phone");
        assertThat(PortalProperties.Identity.type("loyalty-card")).isEqualTo("loyalty_card");

        for (String bad : new String[] {"email", "Customer", "card_no", "agent", "-x", "x-"}) {
            assertThatThrownBy(() -> properties(
                            new PortalProperties.Page("", "", "", "", Map.of()),
                            Map.of("shop", new PortalProperties.Page("", "", "", "", Map.of(bad, card))),
                            Duration.ofMinutes(10)))
                    .as(bad)
                    .hasMessageContaining("lethe.portal.tenants.shop.identities");
        }
        assertThatThrownBy(() -> new PortalProperties.Identity(0, "", false, Map.of()))
                .hasMessageContaining("max-length");
        assertThatThrownBy(() -> new PortalProperties.Identity(10, "[", false, Map.of()))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
    }

    @Test
    void mailTlsSettingsThatContradictEachOtherFailNamingTheProperty() {
        assertThatThrownBy(() -> new PortalProperties.Mail("smtp.example.org", 465, "", "", true, true, "", "a@b"))
                .hasMessageContaining("lethe.portal.mail.start-tls and lethe.portal.mail.ssl");
        assertThatThrownBy(() -> new PortalProperties.Mail("smtp.example.org", 25, "", "", false, false, "mail", "a@b"))
                .hasMessageContaining("lethe.portal.mail.ssl-bundle");
        assertThat(new PortalProperties.Mail("smtp.example.org", 465, "", "", false, true, "mail", "a@b").encrypted())
                .isTrue();
    }

    @Test
    void theMailPasswordIsNotShown() {
        assertThat(MAIL.toString()).doesNotContain("secret").contains("(set)");
    }
}
