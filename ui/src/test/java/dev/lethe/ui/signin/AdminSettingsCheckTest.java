package dev.lethe.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AdminSettingsCheckTest {

    @Test
    void nothingSetIsFine() {
        assertThat(AdminSettingsCheck.problems(new MockEnvironment())).isEmpty();
    }

    @Test
    void aGoodAdminIsFine() {
        var environment = new MockEnvironment()
                .withProperty("lethe.signin.admin-email", "admin@example.org")
                .withProperty("lethe.signin.admin-password", "correct horse battery staple");
        assertThat(AdminSettingsCheck.problems(environment)).isEmpty();
    }

    @Test
    void namesEachBadSettingButNeverItsValue() {
        var environment = new MockEnvironment()
                .withProperty("lethe.signin.admin-email", "not-an-address")
                .withProperty("lethe.signin.admin-password", "short")
                .withProperty("lethe.bootstrap-api-key", "too-short-key");

        var problems = AdminSettingsCheck.problems(environment);

        assertThat(problems).hasSize(3);
        assertThat(String.join("\n", problems))
                .contains("LETHE_ADMIN_EMAIL")
                .contains("LETHE_ADMIN_PASSWORD")
                .contains("LETHE_BOOTSTRAP_API_KEY")
                .doesNotContain("not-an-address")
                .doesNotContain("too-short-key");
    }

    @Test
    void anEmailNeedsItsPassword() {
        var environment = new MockEnvironment().withProperty("lethe.signin.admin-email", "admin@example.org");
        assertThat(AdminSettingsCheck.problems(environment))
                .singleElement()
                .asString()
                .contains("go together");
    }
}
